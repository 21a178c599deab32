package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.flags.WritePath;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.stack.AdminAccounts.Account;
import io.flightdeck.stack.InflightCalls.Reply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14's scenario on the running platform, CI-sized: accounts living in the legacy combined
 * store (flags {@code legacy}/{@code legacy}, finished records and a few live ones) are migrated
 * through postflight-service's admin API while producers keep creating and moving their calls and
 * clients keep paging their public lists. The live calls seeded in legacy are finished only once
 * the migration has flipped the writes, so they end in legacy after the cut. The scenario runs
 * once, in the set-up; each test checks one promise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LegacyMigrationIT {
  private static final int ACCOUNTS = 10;
  private static final int FINISHED_PER_ACCOUNT = 2000;
  private static final int LIVE_PER_ACCOUNT = 3;

  /**
   * The readers' page size during the migration. Ten clients walking pages of 1,000 without pause
   * asked more of the aggregator than its 256 MB heap on two cores holds (it ran out of memory, and
   * requests waited past 30 s): a load past the machine's, not the migration's, to measure in a
   * benchmark rather than in CI.
   */
  private static final int READER_PAGE_SIZE = 100;

  private static final String MIGRATIONS = "/admin/v1/Migrations";

  private static List<Account> accounts = List.of();
  private static final Map<String, Set<String>> seededFinished = new HashMap<>();
  private static final Map<String, List<String>> seededLive = new HashMap<>();
  private static final Map<String, String> lastStatus = new ConcurrentHashMap<>();
  private static final Map<String, String> accountOf = new ConcurrentHashMap<>();
  private static final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private static final Queue<String> pageProblems = new ConcurrentLinkedQueue<>();
  private static JsonNode migration;
  private static List<CallRecord> published = List.of();

  @BeforeAll
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  static void migrateUnderLoad() throws Exception {
    LocalStack stack = SharedStack.stack();
    Endpoints endpoints = SharedStack.endpoints();
    String aggregator = stack.url(LocalStack.AGGREGATOR);
    UnleashAdmin flags =
        new UnleashAdmin(
            endpoints.unleash().apiUrl(), endpoints.unleash().adminToken(), "development");
    AdminAccounts admin = new AdminAccounts(aggregator);
    List<Account> made = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      Account account = admin.create();
      made.add(account);
      flags.assign(Flags.READ_PATH, ReadPath.LEGACY, account.sid());
      flags.assign(Flags.WRITE_PATH, WritePath.LEGACY, account.sid());
    }
    accounts = List.copyOf(made);
    // An account of its own, put on legacy last, tells when the flags reached inflight-service; its
    // probes, written before that, are in the split stores only, so it is not migrated.
    Account probe = admin.create();
    flags.assign(Flags.READ_PATH, ReadPath.LEGACY, probe.sid());
    flags.assign(Flags.WRITE_PATH, WritePath.LEGACY, probe.sid());
    seed(endpoints.mariaDb("legacy"));
    InflightCalls inflight = new InflightCalls(stack.url(LocalStack.INFLIGHT));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> inLegacy(endpoints.mariaDb("legacy"), probe.sid(), inflight));

    List<Thread> load = new ArrayList<>();
    Loop running = new Loop();
    for (Account account : accounts) {
      load.add(running.start(() -> produce(inflight, account.sid())));
      load.add(running.start(() -> page(new PublicCalls(aggregator, account))));
    }
    PostflightAdmin postflight = new PostflightAdmin(stack.url(LocalStack.POSTFLIGHT));
    String id = startMigration(postflight);
    try {
      finishSeededLiveOnceWritesLeftLegacy(postflight, id, inflight);
      migration =
          await()
              .atMost(Duration.ofMinutes(8))
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> postflight.get(MIGRATIONS + "/" + id), s -> finished(s));
    } catch (ConditionTimeoutException e) {
      // A call the producers gave up on stays live, and the drain waits for it: say why, and
      // leave the shared stack to the next tests without this one's operation or its load.
      AssertionError failed =
          new AssertionError(
              "the migration did not finish; producer requests answered otherwise than 2xx: "
                  + failures
                  + "; "
                  + e.getMessage(),
              e);
      try {
        postflight.post(MIGRATIONS + "/" + id + "/Rollback", "{}");
      } catch (RuntimeException refused) {
        failed.addSuppressed(refused);
      }
      throw failed;
    } finally {
      running.stop(load);
    }
    published =
        new CompletedCallsTopic(endpoints.kafkaBootstrapServers())
            .readCalls(
                accounts.stream().map(Account::sid).collect(Collectors.toSet()),
                completedSids(),
                Duration.ofSeconds(60));
  }

  // The tests read what the set-up saw; see the class comment.

  @Test
  void theMigrationCompletedAndBothFlagsEndOnSplit() {
    assertThat(migration.path("status").asText())
        .as(migration.toPrettyString())
        .isEqualTo("completed");
    assertThat(migration.path("accounts")).hasSize(ACCOUNTS);
    for (JsonNode account : migration.path("accounts")) {
      String sid = account.path("account_sid").asText();
      assertThat(account.path("rolled_back").asBoolean()).as(account.toPrettyString()).isFalse();
      assertThat(account.path("flags").path("write_path").asText()).as(sid).isEqualTo("split");
      assertThat(account.path("flags").path("read_path").asText()).as(sid).isEqualTo("split");
      assertThat(account.path("rows_copied").asLong())
          .as(sid)
          .isGreaterThanOrEqualTo(FINISHED_PER_ACCOUNT);
      assertThat(account.path("rows_verified").asLong())
          .as(sid)
          .isGreaterThanOrEqualTo(FINISHED_PER_ACCOUNT);
    }
  }

  @Test
  void verifyAndTheWatchFoundNoMismatch() {
    for (JsonNode account : migration.path("accounts")) {
      assertThat(account.path("mismatches")).as(account.toPrettyString()).isEmpty();
      assertThat(account.path("watch").path("differing").asLong())
          .as(account.toPrettyString())
          .isZero();
    }
  }

  @Test
  void noRequestFailedDuringTheMigration() {
    assertThat(failures).as("producer requests answered otherwise than 2xx").isEmpty();
    assertThat(pageProblems)
        .as("public pages answered otherwise than 200, or with a duplicate")
        .isEmpty();
  }

  @Test
  void everyRecordIsInThePublicListOnceWithItsLastStatus() {
    for (Account account : accounts) {
      Map<String, String> listed = walk(account);
      Map<String, String> expected = new HashMap<>();
      seededFinished.get(account.sid()).forEach(sid -> expected.put(sid, null));
      accountOf.forEach(
          (sid, owner) -> {
            if (owner.equals(account.sid())) {
              expected.put(sid, lastStatus.get(sid));
            }
          });
      assertThat(listed.keySet())
          .as(account.sid())
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach(
          (sid, status) -> {
            if (status != null) {
              assertThat(listed.get(sid)).as(sid).isEqualTo(status);
            }
          });
    }
  }

  @Test
  void billingSeesEachCompletionOnceAndNoneOfTheBackfilledRecords() {
    Map<String, Set<Long>> versionsBySid = new HashMap<>();
    for (CallRecord call : published) {
      versionsBySid.computeIfAbsent(call.sid(), s -> new HashSet<>()).add(call.version());
    }
    versionsBySid.forEach((sid, versions) -> assertThat(versions).as(sid).hasSize(1));
    Set<String> backfilled = new HashSet<>();
    seededFinished.values().forEach(backfilled::addAll);
    assertThat(versionsBySid.keySet()).doesNotContainAnyElementsOf(backfilled);
    assertThat(versionsBySid.keySet()).containsExactlyInAnyOrderElementsOf(completedSids());
  }

  // --- the scenario ---

  private static void seed(MariaDbEndpoint legacy) throws Exception {
    Instant now = Instant.now();
    try (Connection connection =
            DriverManager.getConnection(
                legacy.jdbcUrl("legacy"), legacy.user(), legacy.password());
        Statement statement = connection.createStatement()) {
      for (Account account : accounts) {
        Set<String> finished = new HashSet<>();
        List<String> live = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < FINISHED_PER_ACCOUNT + LIVE_PER_ACCOUNT; i++) {
          String sid = Sid.mint(SidKind.CALL).value();
          boolean ended = i < FINISHED_PER_ACCOUNT;
          Instant created = now.minusSeconds(60L * (FINISHED_PER_ACCOUNT + 10 - i) * 30);
          (ended ? finished : live).add(sid);
          rows.add(
              "('call', '%s', '%s', '%s', 'outbound-api', '+14155550100', '+14155550101', %s, %s, %s, '%s', '%s', %d, 0)"
                  .formatted(
                      sid,
                      account.sid(),
                      ended ? "completed" : "ringing",
                      ended ? quoted(created.plusSeconds(2)) : "NULL",
                      ended ? quoted(created.plusSeconds(44)) : "NULL",
                      ended ? "'42'" : "NULL",
                      utc(created),
                      utc(created.plusSeconds(ended ? 44 : 1)),
                      ended ? 4 : 2));
          if (rows.size() == 500) {
            insert(statement, rows);
          }
        }
        insert(statement, rows);
        seededFinished.put(account.sid(), finished);
        seededLive.put(account.sid(), live);
        live.forEach(sid -> accountOf.put(sid, account.sid()));
        live.forEach(sid -> lastStatus.put(sid, "ringing"));
      }
    }
  }

  private static void insert(Statement statement, List<String> rows) throws Exception {
    if (!rows.isEmpty()) {
      statement.execute(
          "INSERT INTO records (kind, sid, account_sid, status, direction, from_address, to_address,"
              + " start_time, end_time, duration, date_created, date_updated, version, mirrored) VALUES "
              + String.join(", ", rows));
      rows.clear();
    }
  }

  private static String quoted(Instant t) {
    return "'" + utc(t) + "'";
  }

  private static String utc(Instant t) {
    return t.toString().replace("T", " ").replace("Z", "");
  }

  private static boolean inLegacy(MariaDbEndpoint legacy, String account, InflightCalls inflight)
      throws Exception {
    String sid = Sid.mint(SidKind.CALL).value();
    accept(inflight.create(account, sid), "probe " + sid);
    try (Connection connection =
            DriverManager.getConnection(
                legacy.jdbcUrl("legacy"), legacy.user(), legacy.password());
        Statement statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM records WHERE mirrored = 0 AND sid = '" + sid + "'")) {
      return rows.next() && rows.getInt(1) == 1;
    }
  }

  /** Creates calls and moves each to completed, one after the other, until stopped. */
  private static void produce(InflightCalls inflight, String account) {
    String sid = Sid.mint(SidKind.CALL).value();
    if (!accept(answered(() -> inflight.create(account, sid), "create " + sid), "create " + sid)) {
      return;
    }
    accountOf.put(sid, account);
    lastStatus.put(sid, "queued");
    for (String status : List.of("ringing", "in-progress", "completed")) {
      String request = status + " " + sid;
      if (!accept(answered(() -> inflight.transition(account, sid, status), request), request)) {
        return;
      }
      lastStatus.put(sid, status);
    }
  }

  /**
   * The request's answer. A request that got none (the HTTP client's connection failed) is sent
   * again, as a producer would, a few times: the service answers a repeat as the first time (a
   * create by its Idempotency-Key, a transition to the status the record already has). What stays
   * unanswered counts as a failure.
   */
  private static Reply answered(Supplier<Reply> send, String request) {
    Reply reply = send.get();
    for (int tries = 1; reply.code() == Reply.NO_ANSWER && tries < 3; tries++) {
      System.out.println("no answer to " + request + " (" + reply.body() + "); sent again");
      reply = send.get();
    }
    return reply;
  }

  private static boolean accept(Reply reply, String request) {
    if (!reply.accepted()) {
      failures.add(request + ": " + reply);
      return false;
    }
    return true;
  }

  /** One walk of the account's public list by {@code next_page_uri}; a problem is recorded. */
  private static void page(PublicCalls client) {
    Set<String> seen = new HashSet<>();
    String next = client.firstPage(READER_PAGE_SIZE);
    while (next != null) {
      var reply = client.page(next);
      if (reply.code() != 200) {
        pageProblems.add(next + ": " + reply);
        return;
      }
      for (JsonNode call : reply.record().path("calls")) {
        if (!seen.add(call.path("sid").asText())) {
          pageProblems.add("listed twice in one walk: " + call.path("sid").asText());
        }
      }
      next =
          reply.record().path("next_page_uri").isNull()
              ? null
              : reply.record().path("next_page_uri").asText();
    }
  }

  /** The account's whole public list once the load has stopped: Sid to status. */
  private static Map<String, String> walk(Account account) {
    Map<String, String> listed = new HashMap<>();
    PublicCalls client = new PublicCalls(SharedStack.stack().url(LocalStack.AGGREGATOR), account);
    String next = client.firstPage(1000);
    while (next != null) {
      Reply reply = client.page(next);
      assertThat(reply.code()).as(next + ": " + reply).isEqualTo(200);
      for (JsonNode call : reply.record().path("calls")) {
        assertThat(listed.put(call.path("sid").asText(), call.path("status").asText()))
            .as("listed twice: " + call.path("sid").asText())
            .isNull();
      }
      JsonNode uri = reply.record().path("next_page_uri");
      next = uri.isNull() ? null : uri.asText();
    }
    return listed;
  }

  private static Set<String> completedSids() {
    return lastStatus.entrySet().stream()
        .filter(e -> List.of("completed", "canceled").contains(e.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static String startMigration(PostflightAdmin postflight) {
    String accountsJson =
        accounts.stream().map(a -> "\"" + a.sid() + "\"").collect(Collectors.joining(", "));
    return postflight
        .post(MIGRATIONS, "{\"accounts\": [" + accountsJson + "], \"dry_run\": false}")
        .path("id")
        .asText();
  }

  private static boolean finished(JsonNode status) {
    return List.of("completed", "failed", "cancelled").contains(status.path("status").asText());
  }

  /**
   * Waits until the migration's drain step began (the writes are on {@code dual}: new calls are
   * born on the in-flight nodes), then ends the calls seeded live in legacy: they move on and end
   * in legacy after the cut, which the drain waits for.
   */
  private static void finishSeededLiveOnceWritesLeftLegacy(
      PostflightAdmin postflight, String id, InflightCalls inflight) {
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode status = postflight.get(MIGRATIONS + "/" + id);
              if (finished(status)) {
                return true;
              }
              for (JsonNode step : status.path("steps")) {
                if (step.path("name").asText().equals("drain")
                    && !step.path("state").asText().equals("pending")) {
                  return true;
                }
              }
              return false;
            });
    seededLive.forEach(
        (account, sids) -> {
          for (String sid : sids) {
            for (String status : List.of("in-progress", "completed")) {
              if (accept(inflight.transition(account, sid, status), status + " " + sid)) {
                lastStatus.put(sid, status);
              }
            }
          }
        });
  }

  /** Threads that repeat a task until stopped. */
  private static final class Loop {
    private volatile boolean stopping;

    Thread start(Runnable task) {
      Thread thread =
          new Thread(
              () -> {
                while (!stopping) {
                  task.run();
                }
              });
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    void stop(List<Thread> threads) throws InterruptedException {
      stopping = true;
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    }
  }
}
