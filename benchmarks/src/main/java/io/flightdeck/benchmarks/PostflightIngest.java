package io.flightdeck.benchmarks;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link PostflightReads}' ingest phase: how fast postflight-service drains a backlog of
 * completed-call events from Kafka into its shards.
 */
final class PostflightIngest {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final Report report;

  PostflightIngest(Report report) {
    this.report = report;
  }

  /**
   * Publishes the events while the service is not running yet, then starts it and times how fast it
   * drains that backlog: from the first stored row seen to the last, counted on both shards.
   */
  Figure run(PostflightServers servers, Map<String, Pool> shards, int events, int accounts)
      throws Exception {
    System.out.printf(
        "ingest: publishing %d completed-call events over %d accounts to records.completed …%n",
        events, accounts);
    List<String> accountSids = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      accountSids.add(Sid.mint(SidKind.ACCOUNT).value());
    }
    Instant created = Instant.parse("2026-10-01T00:00:00Z");
    long publishStart = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                // A busy machine's broker may take long; nothing here is worth giving up on.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) TimeUnit.MINUTES.toMillis(10)),
            new StringSerializer(),
            new ByteArraySerializer())) {
      List<Future<?>> sent = new ArrayList<>(events);
      for (int i = 0; i < events; i++) {
        String account = accountSids.get(i % accounts);
        CallRecord call =
            completedCall(account, Sid.mint(SidKind.CALL).value(), created.plusMillis(i), i);
        sent.add(producer.send(event(call)));
        if (sent.size() == 5000) {
          awaitAll(sent);
        }
      }
      awaitAll(sent);
    }
    double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
    System.out.printf(
        "ingest: published in %.1f s; starting postflight-service …%n", publishSeconds);
    servers.startService();
    CpuClock cpu = PostflightReads.cpuClock(servers);
    // The tables exist now (readiness waits for the migrations); the service may have stored some
    // rows already.
    long firstCount = storedCalls(shards);
    long firstAt = System.nanoTime();
    CpuClock.Reading cpuAtStart = cpu.read();
    long deadline = firstAt + TIMEOUT.toNanos();
    long count = firstCount;
    while (count < events && System.nanoTime() < deadline) {
      Thread.sleep(200);
      count = storedCalls(shards);
    }
    long lastAt = System.nanoTime();
    Map<String, Double> cores = cpu.read().coresSince(cpuAtStart);
    if (count < events) {
      throw new IllegalStateException(
          "only "
              + count
              + " of "
              + events
              + " events stored after "
              + TIMEOUT.toMinutes()
              + " min");
    }
    double seconds = (lastAt - firstAt) / 1e9;
    Map<String, Long> perShard = new LinkedHashMap<>();
    for (Map.Entry<String, Pool> shard : shards.entrySet()) {
      perShard.put(shard.getKey(), countCalls(shard.getValue(), ""));
    }
    report.line("");
    report.line(
        "INGEST  %d completed-call events (%d accounts, 3 Kafka partitions) published before the service started (%.1f s)",
        events, accounts, publishSeconds);
    report.line(
        "  stored %d rows in %.1f s after the service became ready (%d were stored already by then): %.0f events/s; per shard %s",
        count - firstCount, seconds, firstCount, (count - firstCount) / seconds, perShard);
    report.line("  busy cores meanwhile: %s", Report.cores(cores));
    return Figure.of("post-flight ingest events/s", (count - firstCount) / seconds, "events/s");
  }

  /**
   * Waits for the broker's acknowledgement of every event sent so far; a bounded backlog in the
   * producer.
   */
  private static void awaitAll(List<Future<?>> sent) throws Exception {
    for (Future<?> future : sent) {
      future.get();
    }
    sent.clear();
  }

  private static long storedCalls(Map<String, Pool> shards) throws Exception {
    long sum = 0;
    for (Pool shard : shards.values()) {
      sum += countCalls(shard, "");
    }
    return sum;
  }

  private static long countCalls(Pool shard, String where) throws Exception {
    return Sql.count(shard, "SELECT COUNT(*) FROM calls" + where);
  }

  /** The completed-call event of the call, as inflight-service's relay publishes it. */
  static ProducerRecord<String, byte[]> event(CallRecord call) {
    ProducerRecord<String, byte[]> event =
        new ProducerRecord<>(
            "records.completed", call.accountSid(), CompletedRecordEvents.completed(call));
    event
        .headers()
        .add("content-type", CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return event;
  }

  static CallRecord completedCall(String account, String sid, Instant created, int i) {
    return new CallRecord(
        sid,
        account,
        null,
        CallStatus.COMPLETED,
        "outbound-api",
        "+14155550100",
        "+1415555" + String.format("%04d", i % 10000),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        created.plusSeconds(2),
        created.plusSeconds(62),
        "60",
        "-0.0140",
        "USD",
        created,
        created.plusSeconds(63),
        4);
  }
}
