package io.flightdeck.aggregator.stores;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;

/**
 * Times every request of the aggregator to a store in {@code flightdeck.store.requests} (tags
 * {@code store}, {@code resource}, {@code operation}, {@code outcome}: ok, not-found, error).
 */
final class StoreTimer {
  private final MeterRegistry metrics;

  StoreTimer(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  <T> Uni<T> timed(String store, RecordReads<?> reads, String operation, Supplier<Uni<T>> request) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Timer.Sample sample = Timer.start(metrics);
              return request
                  .get()
                  .onItemOrFailure()
                  .invoke(
                      (item, failure) ->
                          sample.stop(timer(store, reads, operation, outcome(failure))));
            });
  }

  private Timer timer(String store, RecordReads<?> reads, String operation, String outcome) {
    return Timer.builder("flightdeck.store.requests")
        .description("Requests of the aggregator to a store's service")
        .tag("store", store)
        .tag("resource", reads.resource())
        .tag("operation", operation)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(metrics);
  }

  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    return notFound(failure) ? "not-found" : "error";
  }

  static boolean notFound(Throwable e) {
    return e instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
  }
}
