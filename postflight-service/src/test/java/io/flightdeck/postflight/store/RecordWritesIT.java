package io.flightdeck.postflight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
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
import org.junit.jupiter.api.Timeout;

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

  @Test
  @Timeout(120)
  void anIdHandedOutTwiceNeverOverwritesAnotherRecordsRowAndTheWriteIsRetried() {
    // MariaDB can hand out an AUTO_INCREMENT id twice on a partitioned table; with the same
    // date_created the new row's primary key (id, date_created) is another record's, and the
    // upsert's ON DUPLICATE KEY UPDATE used to overwrite that record with this one. A trigger
    // hands the stored row's id to the next record of this account, as the fault does.
    String account = TestRecords.newAccount();
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    CallRecord first = TestRecords.call(account, CallStatus.COMPLETED, created, 3);
    CallRecord second = TestRecords.call(account, CallStatus.BUSY, created, 7);
    var shard = TestServers.servers().mariaDb("shard-0");
    writes.store(shards.pool("shard-0").orElseThrow(), List.of(first)).await().indefinitely();
    String id =
        shard.sql("SELECT id FROM postflight.calls WHERE sid = '" + first.sid() + "'").strip();
    shard.sql(
        "CREATE TRIGGER postflight.calls_same_id BEFORE INSERT ON postflight.calls FOR EACH ROW"
            + " SET NEW.id = IF(NEW.sid = '"
            + second.sid()
            + "', "
            + id
            + ", NEW.id)");
    Throwable failure;
    try {
      failure =
          writes
              .store(shards.pool("shard-0").orElseThrow(), List.of(second))
              .onItem()
              .<Throwable>transform(stored -> null)
              .onFailure()
              .recoverWithItem(f -> f)
              .await()
              .indefinitely();
    } finally {
      shard.sql("DROP TRIGGER postflight.calls_same_id");
    }

    assertThat(failure).as("the colliding write fails").isNotNull();
    assertThat(WriteFailure.of(failure)).isEqualTo(WriteFailure.SHARD_UNAVAILABLE);
    assertThat(rowsOf(account)).containsExactly(first.sid() + "\tcompleted\t3");

    writes.store(shards.pool("shard-0").orElseThrow(), List.of(second)).await().indefinitely();
    assertThat(rowsOf(account))
        .containsExactlyInAnyOrder(first.sid() + "\tcompleted\t3", second.sid() + "\tbusy\t7");
  }

  private static List<String> rowsOf(String account) {
    return TestServers.servers()
        .mariaDb("shard-0")
        .sql(
            "SELECT sid, status, version FROM postflight.calls WHERE account_sid = '"
                + account
                + "'")
        .strip()
        .lines()
        .toList();
  }
}
