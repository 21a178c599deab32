package io.flightdeck.postflight.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.IsolatedService;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.servers.testing.ServerRequest;
import io.flightdeck.servers.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, run as a real process, is killed (SIGKILL) while it ingests, then started
 * again: every record is stored exactly once and confirmed. The service runs on the test servers
 * with topics, consumer groups and shard databases of its own, so the Quarkus application of the
 * other tests in this JVM never sees its events.
 */
class CrashMidBatchIT {
  private static final Path PACKAGED = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final String SERVICE = "postflight-crash-it";
  private static final int RECORDS = 20_000;

  @Test
  void aServiceKilledMidIngestLosesNothingAndStoresNothingTwiceAfterItsRestart() {
    assumeThat(PACKAGED).as("the packaged service (failsafe runs after package)").exists();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String database = "crash_" + run;
    String topic = "crash-" + run + ".records.completed";
    ServerSet servers = serversWithTheService(run, database, topic);

    List<LifecycleRecord> records = records();
    TestTopics topics = TestTopics.ofTestServers();
    topics.publishCompleted(topic, records);
    try {
      servers.start(SERVICE);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> IsolatedService.stored(database) > 0);
      servers.kill(SERVICE);
      long atTheCrash = IsolatedService.stored(database);
      assertThat(atTheCrash).as("killed mid-ingest").isLessThan(RECORDS);

      servers.start(SERVICE);
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> IsolatedService.stored(database) >= RECORDS);
      assertThat(IsolatedService.stored(database)).isEqualTo(RECORDS);
      assertThat(IsolatedService.distinctSids(database)).isEqualTo(RECORDS);
      Set<String> confirmed = new HashSet<>();
      // Counts each Sid once: a replay after the crash may confirm a record twice, which is
      // harmless.
      topics.read(
          "crash-" + run + ".records.persisted",
          r ->
              confirmed.add(
                  new String(r.value()).replaceAll(".*\"sid\":\"([A-Za-z0-9]+)\".*", "$1")),
          RECORDS);
      assertThat(confirmed).hasSize(RECORDS);
      System.out.printf(
          "crash mid-batch: %d of %d records stored when killed; %d stored once each after the restart%n",
          atTheCrash, RECORDS, RECORDS);
    } finally {
      servers.stop(SERVICE);
    }
  }

  /**
   * The test servers (reused as they run) plus the packaged service, on topics and databases of
   * this run.
   */
  private static ServerSet serversWithTheService(String run, String database, String topic) {
    TestServers.start(
        ServerRequest.fromArgs(Map.of("mariadb", "shard-0,shard-1,control", "kafka", "true")));
    Map<String, String> properties = IsolatedService.properties("crash-" + run, database, topic);
    return ServerSet.builder(TestServers.stateFolder())
        .mariaDb("shard-0", "shard-1", "control")
        .kafka()
        .quarkusService(SERVICE, PACKAGED.toAbsolutePath(), properties)
        .build();
  }

  private static List<LifecycleRecord> records() {
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      accounts.add(TestRecords.newAccount());
    }
    return TestRecords.callsAndMessages(accounts, RECORDS, created);
  }
}
