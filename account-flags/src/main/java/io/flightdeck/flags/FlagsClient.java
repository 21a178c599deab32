package io.flightdeck.flags;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.util.UnleashConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes the one Unleash client of a service and the {@link AccountFlags} over it, from {@link
 * FlagsConfig}; registers the staleness metrics:
 *
 * <ul>
 *   <li>{@code flightdeck.flags.stale}: 1 while the flags may differ from Unleash's (the latest
 *       fetch failed, or none succeeded yet), else 0;
 *   <li>{@code flightdeck.flags.since.last.fetch}: seconds since the last successful fetch.
 * </ul>
 */
@ApplicationScoped
public class FlagsClient {
  private Optional<Unleash> unleash = Optional.empty();

  @Produces
  @Singleton
  AccountFlags accountFlags(FlagsConfig config, MeterRegistry metrics) {
    FlagFreshness freshness = new FlagFreshness(Clock.systemUTC(), config.firstFetchTimeout());
    unleash =
        config
            .url()
            .map(
                url ->
                    connect(
                        url,
                        config.clientToken(),
                        config.appName(),
                        config.fetchInterval(),
                        config.backupFile(),
                        freshness));
    if (unleash.isEmpty()) {
      freshness.unconfigured();
    }
    Gauge.builder("flightdeck.flags.stale", freshness, f -> f.stale() ? 1 : 0)
        .description(
            "1 while the per-account flags may differ from Unleash's: the latest fetch failed or none succeeded")
        .register(metrics);
    Gauge.builder(
            "flightdeck.flags.since.last.fetch", freshness, FlagFreshness::secondsSinceLastSuccess)
        .description("Seconds since the flags were last fetched from Unleash")
        .baseUnit("seconds")
        .register(metrics);
    return new AccountFlags(unleash, freshness, config.defaults());
  }

  /**
   * An Unleash client as every service runs it: polling every {@code fetchInterval} (from now, not
   * waiting for the first answer), short HTTP timeouts, the backup file read at start and written
   * after each change, its own usage metrics off (Flightdeck's are in Micrometer), every fetch
   * reported to {@code freshness}.
   */
  public static Unleash connect(
      String url,
      Optional<String> clientToken,
      String appName,
      Duration fetchInterval,
      String backupFile,
      FlagFreshness freshness) {
    UnleashConfig.Builder builder =
        UnleashConfig.builder()
            .appName(appName)
            .unleashAPI(URI.create(url))
            .fetchTogglesInterval(Math.max(1, fetchInterval.toSeconds()))
            .fetchTogglesConnectTimeout(Duration.ofSeconds(2))
            .fetchTogglesReadTimeout(Duration.ofSeconds(5))
            .backupFile(backupFile)
            .synchronousFetchOnInitialisation(false)
            .disableMetrics()
            .subscriber(freshness);
    clientToken.ifPresent(builder::apiKey);
    return new DefaultUnleash(builder.build());
  }

  void shutdown(@Observes ShutdownEvent event) {
    unleash.ifPresent(Unleash::shutdown);
  }
}
