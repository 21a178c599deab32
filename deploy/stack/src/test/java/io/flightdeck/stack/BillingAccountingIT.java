package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.InflightCalls.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7's end-to-end accounting: a burst of completions across many accounts goes through
 * inflight-service, postflight-service and the reference billing consumer while each of the three
 * is killed (SIGKILL) and started again once, mid-burst. Afterwards, per account and day, the
 * records finished in post-flight, the records charged by billing and the events published on
 * {@code records.completed} agree, and every account's total is exactly its expected charge; a
 * replay of billing from before the burst changes nothing.
 *
 * <p>The burst's size is {@code -Dflightdeck.billing-burst.completions}: 4,000 by default, sized
 * for {@code verify} on two cores (each kill still lands mid-burst, with producers running and
 * events in flight behind it); the contract issue's full burst is {@code
 * -Dflightdeck.billing-burst.completions=50000} (five minutes).
 *
 * <p>The in-flight store has the stack's nodes ({@link InflightNodes#STACK_DEFAULT}): an account's
 * records live on several nodes, each relayed on its own, and billing must agree with relying on
 * nothing more than the order of each record's versions. One node's MariaDB is killed too (issue
 * 15), and stays down a few seconds under the burst: the other node's creates and moves go on, the
 * dead node's answer 503 with {@code Retry-After} (never a 404 or a 409) and succeed once it is
 * back, and every completion still reaches the topic, post-flight and billing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class BillingAccountingIT {
  private static final String INFLIGHT = LocalStack.INFLIGHT;
  private static final String POSTFLIGHT = LocalStack.POSTFLIGHT;
  private static final String BILLING = "billing-consumer";
  private static final int COMPLETIONS =
      Integer.getInteger("flightdeck.billing-burst.completions", 4_000);
  private static final int ACCOUNTS = 100;
  private static final int PRODUCERS = 8;

  /** A completed call of 42 s is one started minute, at 0.013 USD. */
  private static final long CHARGE_MICROS = 13_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path state;
  private static ServerSet servers;
  private static final List<String> accounts =
      IntStream.range(0, ACCOUNTS).mapToObj(i -> Sid.mint(SidKind.ACCOUNT).value()).toList();
  private static final AtomicInteger completed = new AtomicInteger();
  private static final List<String> restarts = new ArrayList<>();

  /** How long the killed in-flight node stays down, under the burst. */
  private static final Duration NODE_OUTAGE = Duration.ofSeconds(4);

  /** Every answer a producer got: when it was sent and answered (nanoTime), its status. */
  private static final Queue<long[]> answers = new ConcurrentLinkedQueue<>();

  /** When the node was killed and when it was started again (nanoTime). */
  private static volatile long killedAt;

  private static volatile long restartedAt;

  /** Calls created with a minted Sid while the node was down, each then completed: the answers. */
  private static final List<String> mintedDuringOutage = new ArrayList<>();

  private static Instant burstStarted;

  @BeforeAll
  static void startTheServicesAndTheirServers() {
    state = Path.of("target", "billing-accounting-it").toAbsolutePath();
    servers = serverSet(Map.of());
    servers.wipe();
    servers.start();
  }

  /**
   * The same set with billing's own properties; the ports are fixed so a restart comes back in
   * place.
   */
  private static ServerSet serverSet(Map<String, String> billingProperties) {
    Path root = ProjectRoot.locate();
    int postflightPort =
        servers == null ? Ports.free() : servers.quarkusService(POSTFLIGHT).port().getAsInt();
    Map<String, String> billing =
        new java.util.HashMap<>(withShortSessions(StackCredentials.billing()));
    billing.putAll(billingProperties);
    billing.put("flightdeck.postflight.url", "http://127.0.0.1:" + postflightPort);
    return ServerSet.builder(state.resolve("servers"))
        .mariaDb(InflightNodes.stores(InflightNodes.STACK_DEFAULT).toArray(String[]::new))
        .mariaDb("shard-0", "shard-1", "control", "billing")
        .kafka()
        .quarkusService(
            INFLIGHT,
            root.resolve("inflight-service/target/quarkus-app/quarkus-run.jar"),
            withShortSessions(InflightNodes.serviceProperties(InflightNodes.STACK_DEFAULT)))
        .quarkusService(
            POSTFLIGHT,
            root.resolve("postflight-service/target/quarkus-app/quarkus-run.jar"),
            withShortSessions(StackCredentials.postflight()))
        .quarkusService(
            BILLING,
            root.resolve("examples/billing-consumer/target/quarkus-app/quarkus-run.jar"),
            billing)
        .port("kafka", servers == null ? Ports.free() : servers.kafka().port().getAsInt())
        .port(
            INFLIGHT,
            servers == null ? Ports.free() : servers.quarkusService(INFLIGHT).port().getAsInt())
        .port(POSTFLIGHT, postflightPort)
        .port(
            BILLING,
            servers == null ? Ports.free() : servers.quarkusService(BILLING).port().getAsInt())
        .build();
  }

  /**
   * A killed consumer leaves its group member behind until its session times out (45 s by default),
   * and its partitions wait for that: each kill here would hold the burst's events that long. 10 s
   * is still far above a heartbeat's interval (3 s) on a busy machine.
   */
  private static Map<String, String> withShortSessions(Map<String, String> properties) {
    Map<String, String> shorter = new java.util.HashMap<>(properties);
    shorter.put("kafka.session.timeout.ms", "10000");
    return shorter;
  }

  @AfterAll
  static void stopTheServers() {
    if (servers != null) {
      servers.stop();
    }
  }

  @Test
  @Order(1)
  void aBurstWithEachServiceKilledOnceEndsWithZeroDrift() throws InterruptedException {
    InflightCalls calls = new InflightCalls(servers.quarkusService(INFLIGHT).url());
    burstStarted = Instant.now();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      Thread thread = new Thread(() -> produce(calls, producer), "burst-producer-" + p);
      thread.setDaemon(true);
      thread.start();
      producers.add(thread);
    }
    long started = System.nanoTime();
    // First, while every producer is busy: each kill below blocks this thread while the burst goes
    // on, and by the last one the producers may be done.
    killNodeWhen(COMPLETIONS / 10, InflightNodes.store(1));
    killAndStartWhen(COMPLETIONS / 5, INFLIGHT);
    killAndStartWhen(2 * COMPLETIONS / 5, POSTFLIGHT);
    killAndStartWhen(3 * COMPLETIONS / 5, BILLING);
    for (Thread producer : producers) {
      producer.join();
    }
    long producedMillis = (System.nanoTime() - started) / 1_000_000;

    // The producers' requests sent while the node was down, answered whenever.
    List<long[]> outage =
        answers.stream().filter(a -> a[0] >= killedAt && a[0] < restartedAt).toList();
    System.out.printf(
        "While the node was down, producers sent %d requests: %s; the slowest answered in %d ms%n",
        outage.size(),
        outage.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    a -> a[2], java.util.stream.Collectors.counting())),
        outage.stream().mapToLong(a -> (a[1] - a[0]) / 1_000_000).max().orElse(0));
    JsonNode report =
        await()
            .atMost(Duration.ofMinutes(8))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                BillingAccountingIT::accounting,
                r -> r.path("drifting").asLong() == 0 && total(r, "finished") == COMPLETIONS);
    System.out.printf(
        "Billing burst: %d completions across %d accounts in %d ms (%s); accounting settled %d ms later:"
            + " finished %d, charged %d, published %d, %d account-days drifting; while the node was"
            + " down, %d producer requests answered 503 and %d minted creates and completions"
            + " were accepted%n",
        COMPLETIONS,
        ACCOUNTS,
        producedMillis,
        String.join(", ", restarts),
        (System.nanoTime() - started) / 1_000_000 - producedMillis,
        total(report, "finished"),
        total(report, "charged"),
        total(report, "published"),
        report.path("drifting").asLong(),
        outage.stream().filter(answer -> answer[2] == 503).count(),
        mintedDuringOutage.size());

    assertThat(mintedDuringOutage)
        .as("creates with a minted Sid, and their completions, while a node was down")
        .isNotEmpty()
        .allMatch(answer -> answer.startsWith("2"));
    assertThat(outage.stream().filter(answer -> answer[2] == 503))
        .as("producers' requests for the dead node's calls, answered 503 while it was down")
        .isNotEmpty();
    assertThat(total(report, "charged")).isEqualTo(COMPLETIONS);
    assertThat(total(report, "published")).isEqualTo(COMPLETIONS);
    assertEveryAccountIsChargedExactly();
  }

  @Test
  @Order(2)
  void aReplayFromBeforeTheBurstChangesNoTotal() {
    // Started again with --from's property: every partition is read again from before the burst.
    servers =
        serverSet(
            Map.of("flightdeck.billing.replay-from", burstStarted.minusSeconds(60).toString()));
    servers.start(BILLING);
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> billingMetric("billing_events_total{outcome=\"duplicate\"}") >= COMPLETIONS);

    assertEveryAccountIsChargedExactly();
    assertThat(accounting().path("drifting").asLong()).isZero();
  }

  private static void produce(InflightCalls calls, int producer) {
    for (int i = producer; i < COMPLETIONS; i += PRODUCERS) {
      String account = accounts.get(i % ACCOUNTS);
      String sid = Sid.mint(SidKind.CALL).value();
      untilAccepted(() -> calls.create(account, sid));
      untilAccepted(() -> calls.transition(account, sid, "completed"));
      completed.incrementAndGet();
    }
  }

  /**
   * A producer retries until the service accepts: a create by its Idempotency-Key, a move as a
   * no-op.
   */
  private static void untilAccepted(Supplier<Reply> request) {
    while (true) {
      long sent = System.nanoTime();
      Reply reply = request.get();
      answers.add(new long[] {sent, System.nanoTime(), reply.code()});
      if (reply.accepted()) {
        return;
      }
      if (reply.code() / 100 == 4) {
        throw new AssertionError("refused: " + reply);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  private static void killAndStartWhen(int completions, String service) {
    await().atMost(Duration.ofMinutes(10)).until(() -> completed.get() >= completions);
    assertThat(servers.kill(service)).as("%s was running when killed", service).isTrue();
    long down = System.nanoTime();
    servers.start(service);
    restarts.add(
        "%s killed after %d completions, back in %d ms"
            .formatted(service, completions, (System.nanoTime() - down) / 1_000_000));
  }

  /** Kills an in-flight node's MariaDB (SIGKILL), leaves it down a while, starts it again. */
  private static void killNodeWhen(int completions, String node) {
    await().atMost(Duration.ofMinutes(10)).until(() -> completed.get() >= completions);
    String server = "mariadb-" + node;
    assertThat(servers.kill(server)).as("%s was running when killed", server).isTrue();
    long down = System.nanoTime();
    killedAt = down;
    try {
      Thread.sleep(1000); // within a second every instance has seen it go
      // Meanwhile new calls (no Sid, no key of their own) go to the node that is up, and finish.
      InflightCalls calls = new InflightCalls(servers.quarkusService(INFLIGHT).url());
      String account = Sid.mint(SidKind.ACCOUNT).value();
      while (System.nanoTime() - down < NODE_OUTAGE.toNanos()) {
        Reply created = calls.createMinted(account);
        mintedDuringOutage.add(created.code() + " create");
        if (created.accepted()) {
          String sid = created.record().path("sid").asText();
          mintedDuringOutage.add(calls.transition(account, sid, "completed").code() + " complete");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      restartedAt = System.nanoTime();
      servers.start(server);
    }
    restarts.add(
        "%s killed after %d completions, back in %d ms"
            .formatted(server, completions, (System.nanoTime() - down) / 1_000_000));
  }

  private static void assertEveryAccountIsChargedExactly() {
    List<String> wrong = new ArrayList<>();
    for (String account : accounts) {
      JsonNode totals =
          get(
              servers.quarkusService(BILLING).url()
                  + "/billing/v1/Accounts/"
                  + account
                  + "/Totals");
      long records =
          COMPLETIONS / ACCOUNTS + (accounts.indexOf(account) < COMPLETIONS % ACCOUNTS ? 1 : 0);
      if (totals.path("records").asLong() != records
          || totals.path("amount_micros").asLong() != records * CHARGE_MICROS) {
        wrong.add(
            account
                + ": "
                + totals
                + ", expected "
                + records
                + " records, "
                + records * CHARGE_MICROS
                + " micros");
      }
    }
    assertThat(wrong).as("accounts whose billing totals are not their charges").isEmpty();
  }

  private static JsonNode accounting() {
    return get(servers.quarkusService(BILLING).url() + "/admin/v1/Accounting");
  }

  private static long total(JsonNode report, String count) {
    long sum = 0;
    for (JsonNode line : report.path("days")) {
      if (accounts.contains(line.path("account_sid").asText())) {
        sum += line.path(count).asLong();
      }
    }
    return sum;
  }

  private static double billingMetric(String series) {
    String metrics = text(servers.quarkusService(BILLING).url() + "/q/metrics");
    return metrics
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static JsonNode get(String url) {
    try {
      return JSON.readTree(text(url));
    } catch (IOException e) {
      throw new AssertionError(url + " answered no JSON", e);
    }
  }

  private static String text(String url) {
    try {
      // As an operator: the accounting is theirs, and the totals are open to them too.
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + LocalStack.DEV_ADMIN_TOKEN)
              .timeout(Duration.ofMinutes(2))
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            url + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new AssertionError(url + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
