package io.flightdeck.postflight.operations.pivot;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.UnderLoad.pause;
import static io.flightdeck.postflight.UnderLoad.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.PublishedRecords;
import io.flightdeck.postflight.ReplicatedServers;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shard-1 of the pivot and schema-change tests: its primary and replica on MariaDB servers of their
 * own ({@code pivot-a}, {@code pivot-b}, fresh for each run), the test profile that points the
 * service at them (with a test-only rolling migration beside the service's own), the replica added
 * to the topology, completed records published, and checks of what the servers hold and what a
 * client lists.
 */
public final class ShardOne {
  /** The service's migrations and a rolling one the tests apply ({@code V100__rolling_…}). */
  public static final String ROLLING_LOCATIONS =
      "classpath:db/shard,classpath:db/shard-rolling-test";

  public static final Duration WAIT = Duration.ofMinutes(2);
  public static final String PRIMARY = "pivot-a";
  public static final String REPLICA = "pivot-b";
  public static final String REPLICA_NAME = "shard-1-b";

  /** The control database and shard-0 in schemas of their own; shard-1 on pivot-a alone. */
  public static class OwnServers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      MariaDbEndpoint primary = freshServers();
      return Map.of(
          "flightdeck.postflight.schema.locations", ROLLING_LOCATIONS,
          "flightdeck.postflight.control.database", schema("control"),
          "flightdeck.postflight.shards.\"shard-0\".database", schema("0"),
          "flightdeck.postflight.shards.\"shard-1\".host", primary.host(),
          "flightdeck.postflight.shards.\"shard-1\".port", String.valueOf(primary.port()),
          "flightdeck.postflight.shards.\"shard-1\".database", schema("1"));
    }
  }

  public static MariaDbEndpoint freshServers() {
    return ReplicatedServers.fresh(PRIMARY, REPLICA, "postflight_pivot");
  }

  public static String schema(String name) {
    return ReplicatedServers.schema("postflight_pivot", name);
  }

  /** Every record published, by account. */
  private static final PublishedRecords PUBLISHED = new PublishedRecords();

  private ShardOne() {}

  public static void addTheReplica() {
    ReplicatedServers.addShard1Replica(PRIMARY, REPLICA, REPLICA_NAME, schema("1"));
  }

  /**
   * Starts an operation with a POST of {@code body} to {@code operations} (answered 202 with its
   * id), follows it until it ends (completed, failed or cancelled) and returns its last status.
   */
  public static JsonPath startedAndEnded(String operations, Map<String, Object> body) {
    String id =
        operator()
            .contentType(ContentType.JSON)
            .body(body)
            .post(operations)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> operator().get(operations + "/" + id).then().statusCode(200).extract().jsonPath(),
            s -> Set.of("completed", "failed", "cancelled").contains(s.getString("status")));
  }

  public static JsonPath topology() {
    return ReplicatedServers.topology();
  }

  public static String primaryName() {
    return topology().getString("shards.find { it.id == 'shard-1' }.primary.name");
  }

  /** {@code pairs} completed calls and as many messages of each account, in one send. */
  public static void publish(List<String> accounts, int pairs) {
    PUBLISHED.publish(accounts, pairs);
  }

  /** The Sids published so far, by account. */
  public static Map<String, Set<String>> published() {
    return PUBLISHED.snapshot();
  }

  /** One pass over an account's calls, two a page: what went wrong. */
  public static List<String> pass(String account, Set<String> storedBefore) {
    return PublishedRecords.pass(account, "Calls", storedBefore);
  }

  /** Waits until every record of the accounts is stored once where its account's reads go. */
  public static void awaitAllStored(List<String> accounts, String shard1Server) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, List<String>> stored = new HashMap<>();
              rowsOf("shard-0", schema("0"), stored);
              rowsOf(shard1Server, schema("1"), stored);
              for (String account : accounts) {
                List<String> sids = stored.getOrDefault(account, List.of());
                assertThat(sids).as(account + "'s rows").doesNotHaveDuplicates();
                assertThat(new HashSet<>(sids)).as(account).isEqualTo(PUBLISHED.of(account));
              }
            });
  }

  /** Every account's Sids in one shard schema of a server. */
  public static void rowsOf(String server, String schema, Map<String, List<String>> into) {
    TestServers.servers()
        .mariaDb(server)
        .sql(
            "SELECT account_sid, sid FROM %s.calls UNION ALL SELECT account_sid, sid FROM %s.messages"
                .formatted(schema, schema))
        .lines()
        .map(line -> line.strip().split("\\s+"))
        .filter(f -> f.length == 2)
        .forEach(f -> into.computeIfAbsent(f[0], a -> new ArrayList<>()).add(f[1]));
  }

  /** How many calls and messages shard-1's schema holds on a server. */
  public static String rows(String server) {
    return TestServers.servers()
        .mariaDb(server)
        .sql(
            "SELECT (SELECT COUNT(*) FROM %s.calls), (SELECT COUNT(*) FROM %s.messages)"
                .formatted(schema("1"), schema("1")))
        .strip();
  }

  /** The test server of shard-1's server of that name. */
  public static String serverOf(String name) {
    return name.equals(REPLICA_NAME) ? REPLICA : PRIMARY;
  }

  /**
   * Completed records streaming in for new accounts of shard-1 (a few every 50 ms) while a client
   * pages the calls of the first of them, until closed: how many were written, how many passes were
   * read, and what went wrong in them.
   */
  public static final class Load implements AutoCloseable {
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicInteger writes = new AtomicInteger();
    private final List<String> accounts = new ArrayList<>();
    private final Thread writer;
    private final Paging reader;

    /**
     * Starts once every account's first records are stored on shard-1's primary.
     *
     * @param perRound accounts that get a record every 50 ms
     * @param read accounts whose calls are paged, the first ones
     */
    public Load(int accountCount, int perRound, int read) {
      for (int i = 0; i < accountCount; i++) {
        accounts.add(TestRecords.newAccount());
      }
      publish(accounts, 2);
      awaitAllStored(accounts, serverOf(primaryName()));
      Map<String, Set<String>> before = PUBLISHED.snapshot();
      writer =
          started(
              () -> {
                while (loading.get()) {
                  List<String> some = new ArrayList<>();
                  for (int i = 0; i < perRound; i++) {
                    some.add(accounts.get(ThreadLocalRandom.current().nextInt(accountCount)));
                  }
                  publish(some, 1);
                  writes.addAndGet(some.size());
                  pause(50);
                }
              });
      reader = new Paging(accounts.subList(0, read), before);
    }

    public List<String> accounts() {
      return accounts;
    }

    public int writes() {
      return writes.get();
    }

    public int passes() {
      return reader.passes();
    }

    public List<String> readProblems() {
      return reader.problems();
    }

    /** Stops writing and reading; returns once both have. */
    @Override
    public void close() throws InterruptedException {
      loading.set(false);
      writer.join();
      reader.close();
    }
  }

  /**
   * A client paging the calls of some accounts, one pass over each after the other, until closed:
   * how many rounds of passes it made, and what went wrong in them.
   */
  public static final class Paging implements AutoCloseable {
    private final AtomicBoolean paging = new AtomicBoolean(true);
    private final AtomicInteger passes = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Thread reader;

    /**
     * @param storedBefore each account's Sids stored before the paging began (a pass must list them
     *     all)
     */
    public Paging(List<String> accounts, Map<String, Set<String>> storedBefore) {
      reader =
          started(
              () -> {
                while (paging.get()) {
                  for (String account : accounts) {
                    problems.addAll(pass(account, storedBefore.get(account)));
                  }
                  passes.incrementAndGet();
                }
              });
    }

    public int passes() {
      return passes.get();
    }

    public List<String> problems() {
      return problems;
    }

    /** Stops paging; returns once the pass under way has ended. */
    @Override
    public void close() throws InterruptedException {
      paging.set(false);
      reader.join();
    }
  }
}
