package io.flightdeck.inflight.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A record's trace as the store keeps it: the W3C {@code traceparent} of the request that created
 * the record. A record's events are published long after, by a relay's poll on another thread and
 * maybe another instance, whose own context has nothing to do with the record; the stored value is
 * what makes the event's publication (and post-flight's ingest after it) part of the create's
 * trace.
 *
 * <p>With tracing off ({@code flightdeck.tracing.enabled=false}, the default) {@link #current()} is
 * empty and nothing is stored: the columns stay NULL and no event carries a trace (even a caller's
 * own {@code traceparent}, which OpenTelemetry's API would pass through: off means off).
 */
@ApplicationScoped
public class RecordTrace {
  private static final String HEADER = "traceparent";

  /** The span attribute naming the record a create made. */
  public static final String SID_ATTRIBUTE = "flightdeck.record.sid";

  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final boolean on;

  public RecordTrace(TracingConfig tracing) {
    this.on = tracing.enabled();
  }

  /** The current span's {@code traceparent}, when tracing is on and a span is current. */
  public Optional<String> current() {
    if (!on) {
      return Optional.empty();
    }
    Map<String, String> carrier = new HashMap<>(2);
    W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
    return Optional.ofNullable(carrier.get(HEADER));
  }

  /**
   * Names the record on the current span (the create's), so a tracing backend finds a record's
   * trace by its Sid: attribute {@value #SID_ATTRIBUTE}. Nothing when tracing is off.
   */
  public void name(String sid) {
    if (on) {
      Span.current().setAttribute(SID_ATTRIBUTE, sid);
    }
  }

  /**
   * The context a stored {@code traceparent} names, to publish under; a fresh root when there is
   * none (never the caller's own context: the relay's poll is no part of a record's life).
   */
  public static Context parent(String traceparent) {
    if (traceparent == null) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of(HEADER, traceparent), MAP);
  }
}
