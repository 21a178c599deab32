package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.InflightCalls.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator's split, {@code deploy/flightdeck split shard-1 --into shard-2}, while producers
 * complete calls through inflight-service, with crashes in its middle: postflight-service killed
 * (SIGKILL) and started again during {@code clone}, {@code auto-increment} and {@code
 * delete-moved}, the target's MariaDB killed during {@code cut} (while it still replicates and
 * takes the moved accounts' writes), the source's during {@code delete-moved}. The command follows
 * the split through the restarts and exits 0; afterwards every seeded and every accepted completed
 * call is stored exactly once, on the shard its account's reads go to, the new shard holds the
 * moved accounts, and no shard holds an id twice (the restarted target still numbers its rows apart
 * from the source's).
 *
 * <p>Test-sized settings of the service: a driver's lease of 5 s (a restarted instance takes over
 * sooner), and deletion chunks of 100 rows (so {@code delete-moved} lasts long enough to be hit
 * twice).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ShardSplitKillIT {
  private static final String INFLIGHT = LocalStack.INFLIGHT;
  private static final String POSTFLIGHT = LocalStack.POSTFLIGHT;
  private static final String SOURCE_SERVER = "mariadb-shard-1";
  private static final String TARGET_SERVER = "mariadb-shard-2";

  /** The default split of shard-1 ([8000…, end)) moves its upper half. */
  private static final long MOVED_FROM = 0xc000000000000000L;

  private static final long SOURCE_FROM = 0x8000000000000000L;
  private static final int ACCOUNTS_PER_PART = 12;
  private static final int SEEDED_PER_ACCOUNT = 800;
  private static final int PRODUCERS = 3;

  /**
   * What is killed, in order, once the split reaches the named step (running it, or done with it
   * when it took less than a poll). With {@code -Dflightdeck.split-kill.every-step=true},
   * postflight-service is killed at every one of the eight steps (about two minutes more than
   * {@code verify} spends).
   */
  private static final List<Map.Entry<String, String>> CRASHES =
      crashes(Boolean.getBoolean("flightdeck.split-kill.every-step"));

  private static List<Map.Entry<String, String>> crashes(boolean everyStep) {
    List<Map.Entry<String, String>> crashes = new ArrayList<>();
    crashes.add(Map.entry("clone", POSTFLIGHT));
    if (everyStep) {
      crashes.add(Map.entry("catch-up", POSTFLIGHT));
      crashes.add(Map.entry("move-reads", POSTFLIGHT));
    }
    crashes.add(Map.entry("auto-increment", POSTFLIGHT));
    if (everyStep) {
      crashes.add(Map.entry("move-writes", POSTFLIGHT));
    }
    crashes.add(Map.entry("cut", TARGET_SERVER));
    if (everyStep) {
      crashes.add(Map.entry("cut", POSTFLIGHT));
    }
    crashes.add(Map.entry("delete-moved", POSTFLIGHT));
    crashes.add(Map.entry("delete-moved", SOURCE_SERVER));
    if (everyStep) {
      crashes.add(Map.entry("rebuild", POSTFLIGHT));
    }
    return crashes;
  }

  private static ServerSet servers;
  private static final List<String> moved = accounts(MOVED_FROM, 0, 2 * ACCOUNTS_PER_PART);
  private static final List<String> staying = accounts(SOURCE_FROM, MOVED_FROM, ACCOUNTS_PER_PART);
  private static final List<String> onShard0 = accounts(0, SOURCE_FROM, ACCOUNTS_PER_PART);
  private static final Map<String, String> completed = new ConcurrentHashMap<>();
  private static final List<String> crashes = new ArrayList<>();
  private static final List<String> output = new ArrayList<>();
  private static int exitCode;

  @BeforeAll
  static void splitUnderLoadWithCrashes() throws Exception {
    Path state = Path.of("target", "shard-split-kill-it").toAbsolutePath();
    Path root = ProjectRoot.locate();
    Map<String, String> postflight = new HashMap<>(StackCredentials.postflight());
    postflight.put("flightdeck.postflight.operations.lease", "5s");
    postflight.put("flightdeck.postflight.split.delete-chunk", "100");
    // Fixed ports: a service or server started again comes back where its clients look for it.
    servers =
        ServerSet.builder(state.resolve("servers"))
            .mariaDb(InflightNodes.stores(InflightNodes.STACK_DEFAULT).toArray(String[]::new))
            .mariaDb("shard-0", "shard-1", "shard-2", "control")
            .kafka()
            .quarkusService(
                INFLIGHT,
                root.resolve("inflight-service/target/quarkus-app/quarkus-run.jar"),
                InflightNodes.serviceProperties(InflightNodes.STACK_DEFAULT))
            .quarkusService(
                POSTFLIGHT,
                root.resolve("postflight-service/target/quarkus-app/quarkus-run.jar"),
                postflight)
            .port("kafka", Ports.free())
            .port(INFLIGHT, Ports.free())
            .port(POSTFLIGHT, Ports.free())
            .build();
    servers.wipe();
    servers.start();
    seedShard1();
    String url = servers.quarkusService(POSTFLIGHT).url();
    assertThat(ShardCommand.register("shard-2", url, servers.mariaDb("shard-2").endpoint()))
        .isZero();

    AtomicBoolean producing = new AtomicBoolean(true);
    InflightCalls calls = new InflightCalls(servers.quarkusService(INFLIGHT).url());
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      Thread producer = new Thread(() -> produce(calls, producing), "split-producer-" + p);
      producer.setDaemon(true);
      producer.start();
      producers.add(producer);
    }
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> completed.size() >= 100);
      Process split =
          new ProcessBuilder(
                  root.resolve("deploy/flightdeck").toString(),
                  "split",
                  "shard-1",
                  "--into",
                  "shard-2",
                  "--url",
                  url,
                  "--timeout",
                  "PT6M")
              .directory(root.toFile())
              .redirectErrorStream(true)
              .start();
      Thread reader = new Thread(() -> read(split), "split-command-output");
      reader.start();
      crash(new PostflightAdmin(url), () -> splitId().orElse(null));
      exitCode = split.waitFor();
      reader.join();
    } finally {
      producing.set(false);
      for (Thread producer : producers) {
        producer.join();
      }
    }
    System.out.printf(
        "Split with crashes: %s; %d calls completed meanwhile; the command said:%n  %s%n",
        String.join(", ", crashes), completed.size(), String.join("\n  ", output));
  }

  @AfterAll
  static void stopTheServers() {
    if (servers != null) {
      servers.stop();
    }
  }

  @Test
  void theCommandFollowsTheSplitThroughEveryCrashAndExitsZero() {
    assertThat(crashes).hasSize(CRASHES.size());
    assertThat(exitCode).as(String.join("\n", output)).isZero();
    assertThat(output).anyMatch(line -> line.matches("Split \\S+: completed .*"));
  }

  @Test
  void everyCallIsStoredExactlyOnceOnTheShardItsAccountReadsFrom() {
    PostflightAdmin admin = new PostflightAdmin(servers.quarkusService(POSTFLIGHT).url());
    Map<String, String> readShard = new HashMap<>();
    for (String account : all()) {
      readShard.put(
          account,
          admin
              .get("/admin/v1/Accounts/" + account + "/Route")
              .path("read")
              .path("shard")
              .asText());
    }
    assertThat(moved).allMatch(a -> readShard.get(a).equals("shard-2"));
    assertThat(staying).allMatch(a -> readShard.get(a).equals("shard-1"));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> stored().keySet().containsAll(completed.keySet()));
    Map<String, List<String>> stored = stored();
    List<String> wrong = new ArrayList<>();
    stored.forEach(
        (sid, where) -> {
          String account = where.get(0).split("/")[1];
          if (where.size() != 1 || !where.get(0).startsWith(readShard.get(account) + "/")) {
            wrong.add(
                sid
                    + " stored on "
                    + where
                    + ", reads of its account go to "
                    + readShard.get(account));
          }
        });
    assertThat(wrong).as("calls not stored exactly once where their account reads").isEmpty();
    assertThat(completed.keySet().stream().filter(sid -> !stored.containsKey(sid)).toList())
        .as("completions accepted by inflight-service and not stored")
        .isEmpty();
    long seeded = stored.keySet().stream().filter(sid -> !completed.containsKey(sid)).count();
    assertThat(seeded).isEqualTo((long) (moved.size() + staying.size()) * SEEDED_PER_ACCOUNT);
  }

  @Test
  void noShardHandsOutAnIdTwiceThoughItsServerRestartedMidSplit() {
    for (String shard : List.of("shard-1", "shard-2")) {
      assertThat(
              servers
                  .mariaDb(shard)
                  .sql(
                      "SELECT id, COUNT(*) FROM postflight.calls GROUP BY id HAVING COUNT(*) > 1"
                          + " LIMIT 5")
                  .strip())
          .as("ids %s holds twice", shard)
          .isEmpty();
    }
  }

  /** Kills what {@link #CRASHES} names, each once its step runs, then starts it again. */
  private static void crash(PostflightAdmin admin, Supplier<String> id) {
    String operation = await().atMost(Duration.ofSeconds(60)).until(id::get, s -> s != null);
    for (Map.Entry<String, String> crash : CRASHES) {
      JsonNode status =
          await()
              .atMost(Duration.ofMinutes(3))
              .pollInterval(Duration.ofMillis(50))
              .ignoreExceptions()
              .until(
                  () -> admin.get("/admin/v1/ShardSplits/" + operation),
                  s -> !state(s, crash.getKey()).equals("pending") || ended(s));
      if (ended(status)) {
        return;
      }
      assertThat(servers.kill(crash.getValue())).isTrue();
      long down = System.nanoTime();
      servers.start(crash.getValue());
      crashes.add(
          "%s killed at %s (%s), back in %d ms"
              .formatted(
                  crash.getValue(),
                  crash.getKey(),
                  state(status, crash.getKey()),
                  (System.nanoTime() - down) / 1_000_000));
    }
  }

  /** The step's state in the operation's status. */
  private static String state(JsonNode status, String step) {
    for (JsonNode s : status.path("steps")) {
      if (s.path("name").asText().equals(step)) {
        return s.path("state").asText();
      }
    }
    return "pending";
  }

  private static boolean ended(JsonNode status) {
    return List.of("completed", "failed", "cancelled").contains(status.path("status").asText());
  }

  private static final Pattern STARTED = Pattern.compile("^Split (\\S+): shard-1 into shard-2.*");

  private static Optional<String> splitId() {
    synchronized (output) {
      return output.stream()
          .map(STARTED::matcher)
          .filter(Matcher::matches)
          .map(m -> m.group(1))
          .findFirst();
    }
  }

  private static void read(Process process) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (output) {
          output.add(line);
        }
      }
    } catch (IOException e) {
      synchronized (output) {
        output.add("(output lost: " + e + ")");
      }
    }
  }

  /** Each producer completes calls of random accounts until told to stop. */
  private static void produce(InflightCalls calls, AtomicBoolean producing) {
    List<String> accounts = all();
    while (producing.get()) {
      String account = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
      String sid = Sid.mint(SidKind.CALL).value();
      if (untilAccepted(() -> calls.create(account, sid), producing)
          && untilAccepted(() -> calls.transition(account, sid, "completed"), producing)) {
        completed.put(sid, account);
      }
    }
  }

  private static boolean untilAccepted(Supplier<Reply> request, AtomicBoolean producing) {
    while (true) {
      Reply reply = request.get();
      if (reply.accepted()) {
        return true;
      }
      if (reply.code() / 100 == 4) {
        throw new AssertionError("refused: " + reply);
      }
      if (!producing.get()) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Finished calls of the moved and the staying accounts, on shard-1 before the split. */
  private static void seedShard1() {
    List<String> owners = new ArrayList<>(moved);
    owners.addAll(staying);
    StringBuilder sql = new StringBuilder("USE postflight;");
    for (int i = 0; i < owners.size(); i++) {
      String created = "UTC_TIMESTAMP(6) - INTERVAL seq MINUTE";
      sql.append(
          ("INSERT INTO postflight.calls (sid, account_sid, status, date_created, date_updated,"
                  + " version) SELECT CONCAT('CA', LPAD(HEX(%d), 8, '0'), LPAD(HEX(seq), 24, '0')),"
                  + " '%s', 'completed', %s, %s, 1 FROM seq_1_to_%d;")
              .formatted(i + 1, owners.get(i), created, created, SEEDED_PER_ACCOUNT));
    }
    servers.mariaDb("shard-1").sql(sql.toString());
  }

  /** Every call of the test's accounts on the three shards: by Sid, where ("shard/account"). */
  private static Map<String, List<String>> stored() {
    String in = String.join("', '", all());
    Map<String, List<String>> where = new HashMap<>();
    for (String shard : List.of("shard-0", "shard-1", "shard-2")) {
      String rows =
          servers
              .mariaDb(shard)
              .sql(
                  "SELECT sid, account_sid FROM postflight.calls WHERE account_sid IN ('"
                      + in
                      + "')");
      for (String row : rows.split("\n")) {
        if (!row.isBlank()) {
          String[] columns = row.split("\t");
          where.computeIfAbsent(columns[0], s -> new ArrayList<>()).add(shard + "/" + columns[1]);
        }
      }
    }
    return where;
  }

  private static List<String> all() {
    List<String> all = new ArrayList<>(moved);
    all.addAll(staying);
    all.addAll(onShard0);
    return all;
  }

  /** {@code n} new accounts whose keyspace id is in [from, to), to 0 meaning the keyspace's end. */
  private static List<String> accounts(long from, long to, int n) {
    List<String> found = new ArrayList<>();
    while (found.size() < n) {
      String account = Sid.mint(SidKind.ACCOUNT).value();
      long id = KeyspaceId.of(account).value();
      if (Long.compareUnsigned(id, from) >= 0 && (to == 0 || Long.compareUnsigned(id, to) < 0)) {
        found.add(account);
      }
    }
    return found;
  }
}
