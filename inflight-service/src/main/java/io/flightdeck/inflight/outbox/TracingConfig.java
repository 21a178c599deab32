package io.flightdeck.inflight.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Whether records carry their create's trace (README, "Traces"). Every service reads the same key;
 * this one also reads it in code ({@link RecordTrace}), the others only in their properties.
 */
@ConfigMapping(prefix = "flightdeck.tracing")
public interface TracingConfig {
  /**
   * On: OpenTelemetry traces are exported (OTLP) and each record keeps its create's {@code
   * traceparent}; off: the OpenTelemetry SDK is disabled and nothing is traced or stored.
   */
  @WithDefault("false")
  boolean enabled();

  /**
   * Not a setting: the table, set in {@code application.properties}, through which {@link
   * #enabled()} turns {@code quarkus.otel.sdk.disabled} on or off (a property expression cannot
   * negate a value).
   */
  Map<String, Boolean> sdkDisabledWhenEnabledIs();
}
