package io.flightdeck.postflight.replicas;

import static io.flightdeck.postflight.ScrapedMetrics.label;
import static io.flightdeck.postflight.TestCallers.service;
import static io.flightdeck.postflight.UnderLoad.pause;
import static io.flightdeck.postflight.UnderLoad.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.ReplicatedServers;
import io.flightdeck.postflight.ScrapedMetrics;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Reads from a replica of shard-1 ({@code reads-b}, replicating {@code reads-a}, shard-1's own
 * server), through the internal read API: a record confirmed on {@code records.persisted} is
 * readable at once while most reads go to the replica (No amnesia); a replica whose SQL thread
 * stops is out of reads within a second while reads and confirmations go on, and serves again once
 * it replicates; a replica killed and restarted under read load costs no read and serves again.
 */
@QuarkusTest
@WithRealServers
@TestProfile(ReplicaReadsIT.OwnServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PRIMARY = "reads-a";
  private static final String REPLICA = "reads-b";
  private static final String REPLICA_NAME = "shard-1-b";
  private static final Pattern SID = Pattern.compile("\"sid\":\"([A-Z]{2}[0-9a-f]{32})\"");

  /** The control database and shard-0 in schemas of their own; shard-1 on reads-a alone. */
  public static class OwnServers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      MariaDbEndpoint primary = freshServers();
      return Map.of(
          "flightdeck.postflight.control.database", schema("control"),
          "flightdeck.postflight.shards.\"shard-0\".database", schema("0"),
          "flightdeck.postflight.shards.\"shard-1\".host", primary.host(),
          "flightdeck.postflight.shards.\"shard-1\".port", String.valueOf(primary.port()),
          "flightdeck.postflight.shards.\"shard-1\".database", schema("1"),
          "flightdeck.postflight.ingest.retry-delay", "1s");
    }
  }

  static MariaDbEndpoint freshServers() {
    return ReplicatedServers.fresh(PRIMARY, REPLICA, "postflight_reads");
  }

  static String schema(String name) {
    return ReplicatedServers.schema("postflight_reads", name);
  }

  private final TestTopics topics = TestTopics.ofTestServers();
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final List<String> ACCOUNTS = new ArrayList<>();

  /** Calls stored and confirmed, by Sid: their account. */
  private static final Map<String, String> CONFIRMED = new ConcurrentHashMap<>();

  /** The confirmations of this class's calls as they arrive: account and Sid each. */
  private static final BlockingQueue<String[]> ARRIVING = new LinkedBlockingQueue<>();

  @BeforeAll
  static void accountsOnShard1() {
    ShardMap map = ShardMap.evenly(List.of("shard-0", "shard-1"));
    while (ACCOUNTS.size() < 8) {
      String account = TestRecords.newAccount();
      if (map.shardFor(account).orElseThrow().equals("shard-1")) {
        ACCOUNTS.add(account);
      }
    }
    Confirmations confirmations = new Confirmations();
    started(
        () -> {
          while (true) {
            for (String[] confirmed : confirmations.next()) {
              CONFIRMED.put(confirmed[1], confirmed[0]);
              ARRIVING.add(confirmed);
            }
          }
        });
  }

  @Test
  @Order(1)
  @Timeout(120)
  void everyConfirmedRecordIsReadableAtOnceWhileMostReadsGoToTheReplica() throws Exception {
    addTheReplica();
    awaitServing(true);
    double replicaBefore = reads(REPLICA_NAME);
    double primaryBefore = reads("primary");

    List<String> misses = new CopyOnWriteArrayList<>();
    AtomicInteger checked = new AtomicInteger();
    int published = 400;
    ARRIVING.clear();
    Thread checker =
        started(
            () -> {
              while (checked.get() < published) {
                String[] confirmed;
                try {
                  confirmed = ARRIVING.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                  return;
                }
                if (confirmed == null) {
                  return;
                }
                // Read as soon as the confirmation is seen: in-flight may purge its copy now.
                int status =
                    service()
                        .get("/internal/v1/Accounts/" + confirmed[0] + "/Calls/" + confirmed[1])
                        .statusCode();
                if (status != 200) {
                  misses.add(confirmed[1] + " confirmed but read as " + status);
                }
                checked.incrementAndGet();
              }
            });
    for (int sent = 0; sent < published; sent += 10) {
      publishCalls(10);
      pause(50);
    }
    checker.join(WAIT.toMillis());
    assertThat(checked.get()).as("confirmations seen and read back").isEqualTo(published);
    assertThat(misses).as("confirmed records a read did not find").isEmpty();
    double fromReplica = reads(REPLICA_NAME) - replicaBefore;
    double fromPrimary = reads("primary") - primaryBefore;
    System.out.printf(
        "replica reads: %d confirmations read back, %d missed; shard-1 reads by the replica %.0f,"
            + " by the primary %.0f%n",
        checked.get(), misses.size(), fromReplica, fromPrimary);
    assertThat(fromReplica)
        .as("shard-1 reads served by the replica (%s by the primary)", fromPrimary)
        .isGreaterThan(0.5 * (fromReplica + fromPrimary));
  }

  @Test
  @Order(2)
  @Timeout(120)
  void aReplicaWhoseSqlThreadStopsIsOutOfReadsWithinASecondWhileReadsAndConfirmationsGoOn() {
    awaitServing(true);
    MariaDbServer replica = TestServers.servers().mariaDb(REPLICA);
    ReadLoad load = new ReadLoad();
    List<String> failedReads;
    try {
      replica.sql("STOP SLAVE SQL_THREAD");
      // Timed from when the statement has run: the client process's start-up is not the service's.
      long stopped = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> state("out") == 1.0);
      Duration tookOut = Duration.ofNanos(System.nanoTime() - stopped);
      System.out.printf(
          "replica reads: out %d ms after STOP SLAVE SQL_THREAD%n", tookOut.toMillis());
      assertThat(tookOut).as("from STOP SLAVE SQL_THREAD to out").isLessThan(Duration.ofSeconds(1));
      assertThat(servingReads()).isFalse();

      List<String> sids = publishCalls(20);
      await().atMost(WAIT).untilAsserted(() -> assertThat(CONFIRMED.keySet()).containsAll(sids));
      sids.forEach(
          sid ->
              service()
                  .get("/internal/v1/Accounts/" + CONFIRMED.get(sid) + "/Calls/" + sid)
                  .then()
                  .statusCode(200));
      replica.sql("START SLAVE SQL_THREAD");
      awaitServing(true);
    } finally {
      replica.sql("START SLAVE SQL_THREAD");
      failedReads = load.stop();
    }
    assertThat(failedReads).as("failed reads").isEmpty();
    assertThat(load.reads()).isPositive();
  }

  @Test
  @Order(3)
  @Timeout(180)
  void aReplicaKilledAndRestartedUnderReadLoadCostsNoReadAndServesAgain() {
    awaitServing(true);
    ReadLoad load = new ReadLoad();
    List<String> failedReads;
    try {
      pause(500);
      assertThat(TestServers.servers().kill("mariadb-" + REPLICA)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> state("out") == 1.0);
      List<String> sids = publishCalls(10);
      pause(2000);
      TestServers.mariaDb(REPLICA);
      awaitServing(true);
      assertThat(
              topology()
                  .getBoolean("shards.find { it.id == 'shard-1' }.replicas[0].state.read_only"))
          .as("read_only set again after the restart")
          .isTrue();
      await().atMost(WAIT).untilAsserted(() -> assertThat(CONFIRMED.keySet()).containsAll(sids));
      pause(1000);
    } finally {
      failedReads = load.stop();
    }
    assertThat(failedReads).as("failed reads").isEmpty();
    assertThat(load.reads()).isPositive();
  }

  /** Reads every account's calls and each confirmed call by Sid, until stopped: what failed. */
  private static final class ReadLoad {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final Thread thread =
        started(
            () -> {
              while (running.get()) {
                for (String account : ACCOUNTS) {
                  check(
                      () -> service().get("/internal/v1/Accounts/" + account + "/Calls"), account);
                }
                List<String> some = List.copyOf(CONFIRMED.keySet());
                for (int i = 0; i < Math.min(8, some.size()); i++) {
                  String sid = some.get(ThreadLocalRandom.current().nextInt(some.size()));
                  check(
                      () ->
                          service()
                              .get("/internal/v1/Accounts/" + CONFIRMED.get(sid) + "/Calls/" + sid),
                      sid);
                }
              }
            });

    private void check(Supplier<io.restassured.response.Response> read, String what) {
      reads.incrementAndGet();
      try {
        var answer = read.get();
        if (answer.statusCode() != 200) {
          failed.add(what + ": " + answer.statusCode() + " " + answer.asString());
        }
      } catch (RuntimeException e) {
        failed.add(what + ": " + e);
      }
    }

    List<String> stop() {
      running.set(false);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return failed;
    }

    int reads() {
      return reads.get();
    }
  }

  /** The confirmations on {@code records.persisted} from now on, for these accounts. */
  private static final class Confirmations {
    private final KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "replica-reads-" + java.util.UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                "1000"),
            new StringDeserializer(),
            new ByteArrayDeserializer());

    /** From the topic's beginning: only this class's new accounts are looked at. */
    Confirmations() {
      consumer.subscribe(List.of("records.persisted"));
    }

    /** The next confirmations of this test's calls: account and Sid each. */
    List<String[]> next() {
      List<String[]> found = new ArrayList<>();
      consumer
          .poll(Duration.ofMillis(100))
          .forEach(
              r -> {
                if (ACCOUNTS.contains(r.key())) {
                  Matcher sid = SID.matcher(new String(r.value(), StandardCharsets.UTF_8));
                  if (sid.find() && sid.group(1).startsWith("CA")) {
                    found.add(new String[] {r.key(), sid.group(1)});
                  }
                }
              });
      return found;
    }
  }

  /**
   * Publishes {@code count} completed calls of the accounts; records them confirmed once they are.
   */
  private List<String> publishCalls(int count) {
    List<LifecycleRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String account = ACCOUNTS.get(ThreadLocalRandom.current().nextInt(ACCOUNTS.size()));
      records.add(
          TestRecords.call(
              account, CallStatus.COMPLETED, start.plusMillis(SEQUENCE.incrementAndGet()), 2));
    }
    topics.publishCompleted("records.completed", records);
    return records.stream().map(LifecycleRecord::sid).toList();
  }

  private static void addTheReplica() {
    ReplicatedServers.addShard1Replica(PRIMARY, REPLICA, REPLICA_NAME, schema("1"));
  }

  private static void awaitServing(boolean serving) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> servingReads() == serving && state(serving ? "serving" : "out") == 1.0);
  }

  private static boolean servingReads() {
    return topology()
        .getBoolean("shards.find { it.id == 'shard-1' }.replicas[0].state.serving_reads");
  }

  private static double state(String state) {
    return ScrapedMetrics.value(
            "postflight_replica_state",
            label("shard", "shard-1"),
            label("replica", REPLICA_NAME),
            label("state", state))
        .orElse(Double.NaN);
  }

  private static double reads(String target) {
    return ScrapedMetrics.value(
            "postflight_reads_total", label("shard", "shard-1"), label("target", target))
        .orElse(0.0);
  }

  private static JsonPath topology() {
    return ReplicatedServers.topology();
  }
}
