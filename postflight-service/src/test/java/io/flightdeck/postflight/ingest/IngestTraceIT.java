package io.flightdeck.postflight.ingest;

import static io.flightdeck.postflight.TestRecords.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, post-flight's ingest continues the trace a completed event's {@code traceparent}
 * header names (the create's, as inflight-service's relay writes it): the record's life stays one
 * trace across the topic. Spans are kept in memory; the servers are real.
 */
@QuarkusTest
@WithRealServers
@TestProfile(IngestTraceIT.Traced.class)
class IngestTraceIT {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00f067aa0ba902b7";

  @Inject InMemorySpanExporter spans;

  private final TestTopics topics = TestTopics.ofTestServers();
  private final String account = TestRecords.newAccount();

  /** Tracing on, exported to memory only ({@link Exporter}); no collector needed. */
  public static class Traced implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "flightdeck.tracing.enabled", "true",
          "quarkus.otel.exporter.otlp.enabled", "false",
          "quarkus.otel.bsp.schedule.delay", "100ms");
    }
  }

  /** Quarkus exports to every {@code SpanExporter} bean; with tracing off none is ever used. */
  @Singleton
  static class Exporter {
    @Produces
    @Singleton
    InMemorySpanExporter inMemory() {
      return InMemorySpanExporter.create();
    }
  }

  @Test
  void theIngestOfACompletedEventIsAChildOfTheSpanItsTraceparentNames() {
    CallRecord completed =
        call(account, CallStatus.COMPLETED, Instant.now().truncatedTo(ChronoUnit.MICROS), 4);
    topics.publishCompleted(
        "records.completed",
        List.of(completed),
        Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01"));
    topics.valuesOf("records.persisted", account, 1);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(spans.getFinishedSpanItems())
                    .filteredOn(span -> span.getTraceId().equals(TRACE))
                    .extracting(SpanData::getKind, SpanData::getParentSpanId)
                    .contains(tuple(SpanKind.CONSUMER, PARENT)));
  }
}
