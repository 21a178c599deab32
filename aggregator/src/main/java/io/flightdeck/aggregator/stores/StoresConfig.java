package io.flightdeck.aggregator.stores;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long the aggregator waits for either store's service ({@code flightdeck.stores.*}); where
 * each service is, {@link Inflight} and {@link Postflight}. Three mappings, not one under {@code
 * flightdeck}: a mapping owns every key below its prefix, and the aggregator's other keys belong to
 * other mappings.
 */
@ConfigMapping(prefix = "flightdeck.stores")
public interface StoresConfig {
  /**
   * {@code flightdeck.stores.connect-timeout}: how long a connection to a store's service may take
   * before the public request is a 503 naming that service.
   */
  @WithDefault("2s")
  Duration connectTimeout();

  /**
   * {@code flightdeck.stores.read-timeout}: how long a store's service may take to answer before
   * the public request is a 503 naming that service.
   */
  @WithDefault("10s")
  Duration readTimeout();

  /** inflight-service, the store of live records. */
  @ConfigMapping(prefix = "flightdeck.inflight")
  interface Inflight {
    /** {@code flightdeck.inflight.url}: the base URL of inflight-service's internal API. */
    @WithDefault("http://127.0.0.1:8081")
    String url();
  }

  /** postflight-service, the store of finished records. */
  @ConfigMapping(prefix = "flightdeck.postflight")
  interface Postflight {
    /** {@code flightdeck.postflight.url}: the base URL of postflight-service's internal API. */
    @WithDefault("http://127.0.0.1:8082")
    String url();
  }
}
