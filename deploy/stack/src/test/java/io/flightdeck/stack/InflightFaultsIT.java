package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.InflightCalls.Reply;
import io.flightdeck.stack.ProducerLoad.Accepted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * inflight-service against real faults of the broker and of its own process, with its real store
 * (DESIGN.md: "Nothing lost", "Fail safe"). Producers count only what was answered 2xx; billing
 * reads {@code records.completed} from the beginning in a consumer group of its own. Each scenario
 * runs once, in its nested class's set-up; its tests check what producers and billing saw.
 *
 * <p>postflight-service does not run here, so finished calls are never handed off and stay readable
 * in-flight: every accepted write can be read back.
 *
 * <p>The in-flight store is one node here ({@link #NODES}): these scenarios are about the broker
 * and the service's process, and they check each account's events in the order its calls completed,
 * which holds within one node's outbox only (with several, an account's records live on several
 * nodes, each relayed on its own: record-contract's EVENTS.md promises order per record).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InflightFaultsIT {
  private static final String INFLIGHT = LocalStack.INFLIGHT;

  /** One in-flight node: see the class's comment. */
  private static final int NODES = 1;

  /** A second instance on the same store: its relay shares the outbox with the first one's. */
  private static final String INFLIGHT_B = LocalStack.INFLIGHT + "-b";

  private static final Duration DELIVERY = Duration.ofSeconds(60);

  private static ServerSet servers;
  private static InflightCalls calls;
  private static InflightCalls callsViaB;
  private static CompletedCallsTopic topic;

  @BeforeAll
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  static void startInflightServiceWithItsStoreAndBroker() {
    Path state = Path.of("target", "inflight-faults-it").toAbsolutePath();
    // Fixed ports: a broker or service started again must come back where its clients look for it.
    servers =
        ServerSet.builder(state.resolve("servers"))
            .mariaDb(InflightNodes.stores(NODES).toArray(String[]::new))
            .mariaDb(InflightNodes.CONTROL_STORE)
            .kafka()
            .quarkusService(
                INFLIGHT,
                snapshotOfTheBuiltService(state.resolve("inflight-service-app")),
                InflightNodes.serviceProperties(NODES))
            .quarkusService(
                INFLIGHT_B,
                state.resolve("inflight-service-app").resolve("quarkus-run.jar"),
                InflightNodes.serviceProperties(NODES))
            .port("kafka", Ports.free())
            .port(INFLIGHT, Ports.free())
            .port(INFLIGHT_B, Ports.free())
            .build();
    // Empty stores every run: no leftovers of an earlier run, whose schema may be older than the
    // jar's.
    servers.wipe();
    servers.start();
    calls = new InflightCalls(servers.quarkusService(INFLIGHT).url());
    callsViaB = new InflightCalls(servers.quarkusService(INFLIGHT_B).url());
    topic = new CompletedCallsTopic(servers.kafka().bootstrapServers());
    await().atMost(Duration.ofSeconds(60)).until(() -> calls.ready() && callsViaB.ready());
  }

  @AfterAll
  static void stopTheServers() {
    if (servers != null) {
      servers.stop();
    }
  }

  /**
   * The broker of a service that has been publishing stops. Producers create and finish calls of
   * two accounts, one request after the other, in two rounds, each followed by the relay failing to
   * publish; then the broker starts again.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WhileKafkaIsDown {
    /** The paths the calls take, in turn: some end terminal (an event each), one stays live. */
    private static final List<List<String>> PATHS =
        List.of(
            List.of("busy"),
            List.of("ringing", "in-progress", "completed"),
            List.of("ringing"),
            List.of("canceled"));

    /** Far above a write's usual time here, far below the broker's timeouts. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    private final List<String> accounts = List.of(newAccount(), newAccount());
    private final Map<String, List<String>> completedInOrder = new LinkedHashMap<>();
    private final List<String> notAccepted = new ArrayList<>();
    private final List<String> slow = new ArrayList<>();
    private long outboxWhileDown;
    private List<CallRecord> events;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void produceWhileTheBrokerIsStoppedThenStartIt() {
      accounts.forEach(account -> completedInOrder.put(account, new ArrayList<>()));
      publishOneEvent(); // a service that has been publishing loses its broker
      servers.stop("kafka");
      long downSince = System.nanoTime();
      try {
        for (int round = 0; round < 2; round++) {
          double failuresBefore = calls.publishFailures();
          for (int i = 0; i < 3; i++) {
            for (String account : accounts) {
              produceOneCall(account, PATHS.get((round * 3 + i) % PATHS.size()));
            }
          }
          // The relay has tried to publish this round's events and failed: the outage is a real
          // one.
          await().atMost(DELIVERY).until(() -> calls.publishFailures() > failuresBefore);
        }
        outboxWhileDown = outboxRowsOf(accounts);
      } finally {
        servers.start("kafka");
      }
      long downMillis = (System.nanoTime() - downSince) / 1_000_000;
      events = topic.read(Set.copyOf(accounts), expectedEventIds(), DELIVERY);
      System.out.printf(
          "Kafka down for %d ms: %d calls completed, %d writes slower than %d s %s;"
              + " then %d events on records.completed, %d of them duplicates%n",
          downMillis,
          expectedEventIds().size(),
          slow.size(),
          PROMPT.toSeconds(),
          slow,
          events.size(),
          events.size() - eventIds(events).stream().distinct().count());
    }

    private void publishOneEvent() {
      String account = newAccount();
      String sid = Sid.mint(SidKind.CALL).value();
      calls.create(account, sid);
      Reply busy = calls.transition(account, sid, "busy");
      List<String> id = List.of(CompletedRecordEvents.eventId(sid, busy.version()));
      assertThat(eventIds(topic.read(Set.of(account), id, DELIVERY)))
          .as("published before the outage")
          .containsAll(id);
    }

    private void produceOneCall(String account, List<String> path) {
      String sid = Sid.mint(SidKind.CALL).value();
      Reply last = send("create " + sid, () -> calls.create(account, sid));
      for (String status : path) {
        if (last.accepted()) {
          last = send(status + " " + sid, () -> calls.transition(account, sid, status));
        }
      }
      if (last.accepted() && CallStatus.parse(last.status()).terminal()) {
        completedInOrder.get(account).add(CompletedRecordEvents.eventId(sid, last.version()));
      }
    }

    private Reply send(String request, Supplier<Reply> send) {
      long started = System.nanoTime();
      Reply reply = send.get();
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (!reply.accepted()) {
        notAccepted.add(request + " answered " + reply);
      }
      if (millis > PROMPT.toMillis()) {
        slow.add(request + " took " + millis + " ms");
      }
      return reply;
    }

    private List<String> expectedEventIds() {
      return completedInOrder.values().stream().flatMap(List::stream).toList();
    }

    @Test
    void everyCreateAndTransitionIsAccepted() {
      assertThat(notAccepted).as("requests not answered 2xx while the broker was down").isEmpty();
    }

    @Test
    void noWriteWaitsForTheBroker() {
      assertThat(slow)
          .as("writes answered after more than %d s while the broker was down", PROMPT.toSeconds())
          .isEmpty();
    }

    @Test
    void theOutboxKeepsEveryCompletedCallsEventWhileTheBrokerIsAway() {
      assertThat(outboxWhileDown)
          .as("events waiting in the outbox while the broker was down")
          .isEqualTo(expectedEventIds().size());
    }

    @Test
    void theOutboxDrainsWhenTheBrokerReturns() {
      await().atMost(DELIVERY).until(() -> outboxRowsOf(accounts) == 0);
    }

    @Test
    void everyCompletedCallsEventReachesRecordsCompleted() {
      assertThat(eventIds(events))
          .as("event ids on records.completed")
          .containsAll(expectedEventIds());
    }

    @Test
    void oneAccountsEventsArriveInTheOrderItsCallsCompleted() {
      for (String account : accounts) {
        List<String> read =
            eventIds(events.stream().filter(e -> e.accountSid().equals(account)).toList());
        assertThat(read.stream().distinct().toList())
            .as(
                "event ids of %s on records.completed, de-duplicated, in topic order (as read: %s)",
                account, read)
            .containsExactlyElementsOf(completedInOrder.get(account));
      }
    }
  }

  /**
   * Four producer threads drive calls of their own accounts through their states; the service is
   * killed with SIGKILL in the middle of it and started again, and the producers carry on, retrying
   * what failed.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WhenTheServiceIsKilledMidLoad {
    private static final int WRITES_PER_PHASE = 150;

    private final List<String> accounts =
        List.of(newAccount(), newAccount(), newAccount(), newAccount());
    private ProducerLoad load;

    /** Per Sid, the 2xx answer with the highest version. */
    private Map<String, Accepted> furthest;

    private Set<String> expected;
    private List<CallRecord> events;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void driveCallsKillTheServiceAndStartItAgain() throws InterruptedException {
      load = new ProducerLoad(calls, accounts, "before the kill").start();
      long restartMillis;
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> load.accepted() >= WRITES_PER_PHASE);
        load.phase("killed");
        assertThat(servers.kill(INFLIGHT)).as("inflight-service was running when killed").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.unanswered() > 0);
        long restarting = System.nanoTime();
        servers.start(INFLIGHT);
        restartMillis = (System.nanoTime() - restarting) / 1_000_000;
        load.phase("restarted");
        int acceptedAtRestart = load.accepted();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> load.accepted() >= acceptedAtRestart + WRITES_PER_PHASE);
      } finally {
        load.close();
        servers.start(INFLIGHT); // a no-op unless the scenario failed while the service was down
      }
      furthest =
          load.journal().stream()
              .collect(
                  Collectors.toMap(
                      Accepted::sid, a -> a, (a, b) -> a.version() >= b.version() ? a : b));
      expected =
          furthest.values().stream()
              .filter(a -> CallStatus.parse(a.status()).terminal())
              .map(a -> CompletedRecordEvents.eventId(a.sid(), a.version()))
              .collect(Collectors.toSet());
      events = topic.read(Set.copyOf(accounts), expected, DELIVERY);
      System.out.printf(
          "Killed mid-load: %d writes accepted for %d calls, %d requests failed while down, %d after"
              + " the restart (which took %d ms); %d calls completed, %d events on records.completed, %d duplicates%n",
          load.accepted(),
          furthest.size(),
          failuresIn("killed").size(),
          failuresIn("restarted").size(),
          restartMillis,
          expected.size(),
          events.size(),
          events.size() - eventIds(events).stream().distinct().count());
    }

    private List<ProducerLoad.Failure> failuresIn(String phase) {
      return load.failures().stream().filter(f -> f.phase().equals(phase)).toList();
    }

    @Test
    void noRequestFailsBeforeTheKill() {
      assertThat(failuresIn("before the kill")).isEmpty();
    }

    @Test
    void noRetryIsRefused() {
      // A retry of a create or transition that was applied before the crash must be answered as a
      // no-op.
      assertThat(load.failures())
          .as("requests answered 4xx")
          .noneMatch(f -> f.reply().code() / 100 == 4);
    }

    @Test
    void everyAcceptedWriteIsStoredAtLeastAsFarAlong() {
      List<String> lostOrRegressed = new ArrayList<>();
      for (Accepted seen : furthest.values()) {
        Reply stored = calls.get(seen.account(), seen.sid());
        if (!storedAtLeastAsFar(seen, stored)) {
          lostOrRegressed.add(
              seen.sid()
                  + " accepted as "
                  + seen.status()
                  + " v"
                  + seen.version()
                  + ", now "
                  + stored);
        }
      }
      assertThat(lostOrRegressed).as("calls whose stored record is behind a 2xx answer").isEmpty();
    }

    @Test
    void everyAcceptedCompletionIsPublishedAtLeastOnce() {
      Set<String> published = Set.copyOf(eventIds(events));
      assertThat(expected.stream().filter(id -> !published.contains(id)).toList())
          .as("completions answered 2xx whose event is not on records.completed")
          .isEmpty();
    }

    @Test
    void everyPublishedEventIsATerminalRecordTheStoreHolds() {
      List<String> strays = new ArrayList<>();
      for (CallRecord event : distinctById(events)) {
        Reply stored = calls.get(event.accountSid(), event.sid());
        if (!stored.accepted()
            || !stored.status().equals(event.status().wireName())
            || stored.version() != event.version()) {
          strays.add(
              event.sid()
                  + " published as "
                  + event.status().wireName()
                  + " v"
                  + event.version()
                  + ", stored: "
                  + stored);
        }
      }
      assertThat(strays)
          .as("events the store does not hold at that terminal status and version")
          .isEmpty();
    }
  }

  /**
   * Two instances of the service on one store, each taking the writes of its own producers, each
   * relaying the shared outbox: they split the publishing between them, and no event is published
   * twice or out of its account's order.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithTwoInstancesRelaying {
    private static final int WRITES_PER_INSTANCE = 300;

    private final List<String> accountsOfA =
        List.of(newAccount(), newAccount(), newAccount(), newAccount());
    private final List<String> accountsOfB =
        List.of(newAccount(), newAccount(), newAccount(), newAccount());
    private final List<Accepted> journal = new ArrayList<>();
    private final List<ProducerLoad.Failure> failures = new ArrayList<>();
    private double publishedByA;
    private double publishedByB;
    private List<CallRecord> events;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void driveCallsThroughBothInstances() throws InterruptedException {
      double aBefore = calls.published();
      double bBefore = callsViaB.published();
      try (ProducerLoad a = new ProducerLoad(calls, accountsOfA, "two instances").start();
          ProducerLoad b = new ProducerLoad(callsViaB, accountsOfB, "two instances").start()) {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> a.accepted() >= WRITES_PER_INSTANCE && b.accepted() >= WRITES_PER_INSTANCE);
        a.close();
        b.close();
        journal.addAll(a.journal());
        journal.addAll(b.journal());
        failures.addAll(a.failures());
        failures.addAll(b.failures());
      }
      Set<String> accounts =
          Stream.concat(accountsOfA.stream(), accountsOfB.stream()).collect(Collectors.toSet());
      events = topic.read(accounts, completions(), DELIVERY);
      publishedByA = calls.published() - aBefore;
      publishedByB = callsViaB.published() - bBefore;
      System.out.printf(
          "Two instances: %d writes accepted, %d calls completed; instance A published %.0f events,"
              + " instance B %.0f; %d events on records.completed for these accounts%n",
          journal.size(), completions().size(), publishedByA, publishedByB, events.size());
    }

    /** The completions' event ids, per account in the order the producer saw them accepted. */
    private List<String> completions() {
      return journal.stream()
          .filter(a -> CallStatus.parse(a.status()).terminal())
          .map(a -> CompletedRecordEvents.eventId(a.sid(), a.version()))
          .distinct()
          .toList();
    }

    @Test
    void everyWriteThroughEitherInstanceIsAccepted() {
      assertThat(failures).isEmpty();
    }

    @Test
    void bothRelaysPublish() {
      assertThat(publishedByA).as("events published by instance A").isPositive();
      assertThat(publishedByB).as("events published by instance B").isPositive();
    }

    @Test
    void everyCompletionIsPublishedExactlyOnce() {
      assertThat(eventIds(events))
          .as("event ids on records.completed")
          .containsExactlyInAnyOrderElementsOf(completions());
    }

    @Test
    void kafkasOwnConsoleConsumerReadsTheEvents() throws IOException, InterruptedException {
      String someCompletion = completions().get(0);
      Process tool =
          new ProcessBuilder(
                  servers
                      .kafka()
                      .toolCommand(
                          KafkaConsoleConsumerCommand.CONSOLE_CONSUMER,
                          List.of(
                              "--bootstrap-server",
                              servers.kafka().bootstrapServers(),
                              "--topic",
                              "records.completed",
                              "--from-beginning",
                              "--timeout-ms",
                              "10000",
                              "--property",
                              "print.key=true")))
              .redirectErrorStream(true)
              .start();
      String output =
          new String(tool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      tool.waitFor();
      assertThat(output.lines().filter(line -> line.contains("\"id\":\"" + someCompletion + "\"")))
          .as("the console consumer's line of event %s, keyed by its account", someCompletion)
          .singleElement()
          .asString()
          .startsWith(accountOf(someCompletion) + "\t");
    }

    private String accountOf(String eventId) {
      String sid = eventId.substring(0, eventId.indexOf('.'));
      return journal.stream().filter(a -> a.sid().equals(sid)).findFirst().orElseThrow().account();
    }

    @Test
    void eachAccountsEventsKeepTheirOrder() {
      for (String account : Stream.concat(accountsOfA.stream(), accountsOfB.stream()).toList()) {
        List<String> completedInOrder =
            journal.stream()
                .filter(a -> a.account().equals(account) && CallStatus.parse(a.status()).terminal())
                .map(a -> CompletedRecordEvents.eventId(a.sid(), a.version()))
                .distinct()
                .toList();
        assertThat(eventIds(events.stream().filter(e -> e.accountSid().equals(account)).toList()))
            .as("event ids of %s in topic order", account)
            .containsExactlyElementsOf(completedInOrder);
      }
    }
  }

  /**
   * The stored call is at the accepted version or later, as far along, and a terminal status stays
   * put.
   */
  private static boolean storedAtLeastAsFar(Accepted seen, Reply stored) {
    if (!stored.accepted()) {
      return false;
    }
    CallStatus was = CallStatus.parse(seen.status());
    CallStatus now = CallStatus.parse(stored.status());
    boolean asFar = now == was || CallStatus.LIFECYCLE.allowedFrom(was).contains(now);
    boolean terminalStaysPut = !was.terminal() || stored.version() == seen.version();
    return stored.version() >= seen.version() && asFar && terminalStaysPut;
  }

  private static List<String> eventIds(List<CallRecord> events) {
    return events.stream().map(e -> CompletedRecordEvents.eventId(e.sid(), e.version())).toList();
  }

  private static List<CallRecord> distinctById(List<CallRecord> events) {
    Map<String, CallRecord> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(CompletedRecordEvents.eventId(e.sid(), e.version()), e));
    return List.copyOf(byId.values());
  }

  private static long outboxRowsOf(List<String> accounts) {
    // Read from the store itself, every node: the outbox is the service's own table, behind no API.
    String in = accounts.stream().map(a -> "'" + a + "'").collect(Collectors.joining(","));
    long rows = 0;
    for (String node : InflightNodes.stores(NODES)) {
      rows +=
          Long.parseLong(
              servers
                  .mariaDb(node)
                  .sql("SELECT COUNT(*) FROM inflight.outbox WHERE account_sid IN (" + in + ")")
                  .strip());
    }
    return rows;
  }

  private static String newAccount() {
    return Sid.mint(SidKind.ACCOUNT).value();
  }

  /**
   * A copy of inflight-service's packaged app: the service killed and the one started again are the
   * same build, even while the module is rebuilt meanwhile.
   */
  private static Path snapshotOfTheBuiltService(Path copy) {
    Path app = ProjectRoot.locate().resolve(INFLIGHT).resolve("target/quarkus-app");
    try {
      Files.createDirectories(copy.getParent());
      if (Files.exists(copy)) {
        try (Stream<Path> old = Files.walk(copy)) {
          for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      try (Stream<Path> built = Files.walk(app)) {
        for (Path path : built.toList()) {
          Files.copy(path, copy.resolve(app.relativize(path).toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot copy " + app + " (build it first: ./mvnw install -DskipTests)", e);
    }
    return copy.resolve("quarkus-run.jar");
  }
}
