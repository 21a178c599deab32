package io.flightdeck.inflight.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.TopicRecords;
import io.flightdeck.inflight.WithRealServers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, a record's completed event continues the trace of the request that created it,
 * whoever completes it and whenever the relay publishes it: a tracing consumer (post-flight) joins
 * the create's trace through the Kafka record's {@code traceparent} header.
 */
@QuarkusTest
@WithRealServers
@TestProfile(RecordTraceIT.Traced.class)
class RecordTraceIT {
  static final String CALL = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";

  private static final AttributeKey<String> SID = AttributeKey.stringKey(RecordTrace.SID_ATTRIBUTE);

  @Inject InMemorySpanExporter spans;

  private final String account = Producer.newAccount();

  /** Tracing on, as production turns it on; spans to memory only ({@link Exporter}). */
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
  void aCompletedCallsEventCarriesTheTraceOfItsCreateNotOfItsCompletion() {
    String create = traceparent();
    String sid = Producer.createTraced(account, create, CALL).statusCode(201).extract().path("sid");
    Producer.given()
        .header("traceparent", traceparent())
        .contentType(ContentType.JSON)
        .body("{\"status\": \"busy\"}")
        .post(Producer.calls(account) + "/" + sid + "/Transitions")
        .then()
        .statusCode(200);

    String published = traceparentOf(TopicRecords.completedOf(account, 1).get(0));
    assertThat(traceId(published)).isEqualTo(traceId(create));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(spans.getFinishedSpanItems())
                    .filteredOn(span -> sid.equals(span.getAttributes().get(SID)))
                    .extracting(SpanData::getTraceId, SpanData::getKind)
                    .as("the create's server span, named by the record's Sid")
                    .containsExactly(tuple(traceId(create), SpanKind.SERVER)));
    assertThat(spanId(published))
        .as("the relay's producer span, a descendant of the create's request")
        .isNotEqualTo(spanId(create));
  }

  @Test
  void aCallCreatedFinishedCarriesTheTraceOfItsCreate() {
    String create = traceparent();
    Producer.createTraced(
            account,
            create,
            "{\"from\": \"+14155550100\", \"to\": \"+14155550101\", \"status\": \"failed\"}")
        .statusCode(201);

    String published = traceparentOf(TopicRecords.completedOf(account, 1).get(0));
    assertThat(traceId(published)).isEqualTo(traceId(create));
  }

  /** A sampled W3C trace context of a caller's own: version 00, random ids, flags 01. */
  static String traceparent() {
    HexFormat hex = HexFormat.of();
    byte[] trace = new byte[16];
    byte[] span = new byte[8];
    ThreadLocalRandom.current().nextBytes(trace);
    ThreadLocalRandom.current().nextBytes(span);
    return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-01";
  }

  static String traceparentOf(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader("traceparent");
    assertThat(header).as("the event's traceparent header").isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String traceId(String traceparent) {
    return traceparent.split("-")[1];
  }

  private static String spanId(String traceparent) {
    return traceparent.split("-")[2];
  }
}
