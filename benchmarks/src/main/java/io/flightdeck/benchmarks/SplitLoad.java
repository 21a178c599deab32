package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The load of {@link SplitUnderLoad} and {@link PivotUnderLoad}: completed-call events published at
 * a steady rate over the source shard's accounts, and a probe that publishes one event of a moved
 * account at a time and times how long until postflight-service serves it (completion to visible).
 */
final class SplitLoad implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  /**
   * One probe: when its event was published (monotonic, and wall clock to compare with the
   * operation's step times) and how long until it was served (µs).
   */
  private record Sample(long startNanos, Instant startedAt, long micros) {}

  private final KafkaProducer<String, byte[]> producer;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI serviceUrl;
  private final Map<String, LongAdder> published = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();

  private SplitLoad(String bootstrapServers, URI serviceUrl) {
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG,
                1),
            new StringSerializer(),
            new ByteArraySerializer());
    this.serviceUrl = serviceUrl;
  }

  /**
   * @param owners the accounts the steady events go to, at random
   * @param probed the accounts the probe's events go to, in turn
   */
  static SplitLoad start(
      PostflightServers servers, int eventsPerSecond, List<String> owners, List<String> probed) {
    SplitLoad load = new SplitLoad(servers.kafkaBootstrapServers(), servers.serviceUrl());
    load.thread("split-load-writer", () -> load.write(eventsPerSecond, owners));
    load.thread("split-load-probe", () -> load.probe(probed));
    return load;
  }

  /** How many events each account was sent. */
  Map<String, Long> published() {
    Map<String, Long> counts = new ConcurrentHashMap<>();
    published.forEach((account, n) -> counts.put(account, n.sum()));
    return counts;
  }

  /** The probes published in [from, to), completion to visible, in µs. */
  Histogram visible(long from, long to) {
    Histogram histogram = new Histogram(PATIENCE.toNanos() / 1000, 3);
    samples.stream()
        .filter(s -> s.startNanos() >= from && s.startNanos() < to)
        .forEach(s -> histogram.recordValue(Math.min(s.micros(), PATIENCE.toNanos() / 1000)));
    return histogram;
  }

  /** The probes published between two moments of the wall clock, completion to visible, in µs. */
  Histogram visible(Instant from, Instant to) {
    Histogram histogram = new Histogram(PATIENCE.toNanos() / 1000, 3);
    samples.stream()
        .filter(s -> !s.startedAt().isBefore(from) && s.startedAt().isBefore(to))
        .forEach(s -> histogram.recordValue(Math.min(s.micros(), PATIENCE.toNanos() / 1000)));
    return histogram;
  }

  /** Stops publishing; every event sent so far is acknowledged by the broker when this returns. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    producer.flush();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    producer.close();
  }

  private void thread(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void write(int eventsPerSecond, List<String> owners) {
    int perTick = Math.max(1, eventsPerSecond / 10);
    while (running.get()) {
      long tick = System.nanoTime();
      for (int i = 0; i < perTick; i++) {
        send(owners.get(ThreadLocalRandom.current().nextInt(owners.size())));
      }
      sleepUntil(tick + 100_000_000L);
    }
  }

  private void probe(List<String> probed) {
    int turn = 0;
    while (running.get()) {
      String account = probed.get(turn++ % probed.size());
      long start = System.nanoTime();
      Instant startedAt = Instant.now();
      String sid;
      try {
        sid = send(account).get();
      } catch (Exception e) {
        continue;
      }
      HttpRequest get =
          HttpRequest.newBuilder(
                  URI.create(serviceUrl + "/internal/v1/Accounts/" + account + "/Calls/" + sid))
              .header("Authorization", "Bearer " + LocalStack.DEV_SERVICE_TOKEN)
              .timeout(Duration.ofSeconds(30))
              .build();
      while (System.nanoTime() - start < PATIENCE.toNanos()) {
        try {
          if (http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            break;
          }
        } catch (Exception e) {
          // A failed read is the list readers' business; the probe only waits for the record.
        }
        sleepUntil(System.nanoTime() + 10_000_000L);
      }
      samples.add(new Sample(start, startedAt, (System.nanoTime() - start) / 1000));
      sleepUntil(start + 100_000_000L);
    }
  }

  /** Publishes one completed call of the account; completes with its Sid once acknowledged. */
  private CompletableFuture<String> send(String account) {
    String sid = Sid.mint(SidKind.CALL).value();
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    CallRecord call =
        PostflightIngest.completedCall(account, sid, created, sequence.incrementAndGet());
    published.computeIfAbsent(account, a -> new LongAdder()).increment();
    CompletableFuture<String> acknowledged = new CompletableFuture<>();
    producer.send(
        PostflightIngest.event(call),
        (metadata, failure) -> {
          if (failure == null) {
            acknowledged.complete(sid);
          } else {
            acknowledged.completeExceptionally(failure);
          }
        });
    return acknowledged;
  }

  private static void sleepUntil(long nanos) {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      try {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
