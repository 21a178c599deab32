package io.flightdeck.postflight.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The gauges of a set that changes at run time (the catalogue's shards, the unfinished operations):
 * a key that appears gets its gauges, a key that goes has them removed from the registry, so a
 * removed shard or a finished operation leaves no series behind that would read as stale. Called
 * from one scheduled measurement at a time.
 */
final class FollowedGauges<K> {
  private final MeterRegistry metrics;
  private final Function<K, List<Meter>> register;
  private final Map<K, List<Meter>> registered = new ConcurrentHashMap<>();

  FollowedGauges(MeterRegistry metrics, Function<K, List<Meter>> register) {
    this.metrics = metrics;
    this.register = register;
  }

  /** Registers the gauges of the keys not seen before, removes those of the keys gone. */
  void follow(Collection<K> keys) {
    keys.forEach(key -> registered.computeIfAbsent(key, register));
    for (K known : List.copyOf(registered.keySet())) {
      if (!keys.contains(known)) {
        registered.remove(known).forEach(metrics::remove);
      }
    }
  }
}
