package io.flightdeck.postflight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One shard's part of a batch, written straight through {@link RecordWrites} on a real shard. */
@QuarkusTest
@WithRealServers
class RecordWritesIT {
  @Inject RecordWrites writes;
  @Inject Shards shards;

  @Test
  void aPartLargerThanOneStatementMayCarryIsStoredWhole() {
    // 300 messages of 60,000 characters: 18 MB, more than the server's 16 MB max_allowed_packet.
    // As one INSERT the server refused the packet, and ingest took the shard for down.
    String account = TestRecords.newAccount();
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<MessageRecord> large = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      large.add(
          TestRecords.message(
              account,
              "+14155550100",
              "+14155550101",
              "x".repeat(60_000),
              created,
              created.plusMillis(i),
              3));
    }

    writes
        .store(shards.pool("shard-0").orElseThrow(), large)
        .await()
        .atMost(Duration.ofSeconds(60));

    String stored =
        TestServers.servers()
            .mariaDb("shard-0")
            .sql("SELECT COUNT(*) FROM postflight.messages WHERE account_sid = '" + account + "'")
            .strip();
    assertThat(stored).isEqualTo("300");
  }
}
