package io.flightdeck.postflight.replicas;

import io.flightdeck.postflight.store.ReplicaPools;
import io.flightdeck.postflight.store.ReplicaPools.ReplicaKey;
import io.flightdeck.postflight.store.ServingState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Per reads replica: {@code postflight.replica.lag{shard, replica}} (seconds behind its primary as
 * this instance's last probe found it; NaN when unknown) and {@code postflight.replica.state{shard,
 * replica, state}} (1 for the state this instance sees it in, 0 for the others). A replica that
 * leaves the catalogue leaves no series behind.
 */
@ApplicationScoped
class ReplicaGauges {
  private final MeterRegistry metrics;
  private final Map<ReplicaKey, List<Meter>> registered = new ConcurrentHashMap<>();
  private final Map<ReplicaKey, Double> lags = new ConcurrentHashMap<>();

  ReplicaGauges(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  void lag(ReplicaKey replica, double seconds) {
    lags.put(replica, seconds);
  }

  /** Registers the gauges of replicas not seen before, removes those of the replicas gone. */
  void follow(ReplicaPools replicas) {
    Set<ReplicaKey> keys =
        replicas.all().stream().map(ReplicaPools.Reader::key).collect(Collectors.toSet());
    keys.forEach(key -> registered.computeIfAbsent(key, k -> register(k, replicas)));
    for (ReplicaKey known : List.copyOf(registered.keySet())) {
      if (!keys.contains(known)) {
        registered.remove(known).forEach(metrics::remove);
        lags.remove(known);
      }
    }
  }

  private List<Meter> register(ReplicaKey key, ReplicaPools replicas) {
    List<Meter> meters = new ArrayList<>();
    meters.add(
        Gauge.builder("postflight.replica.lag", lags, l -> l.getOrDefault(key, Double.NaN))
            .description("seconds the replica is behind its primary, by this instance's probe")
            .baseUnit("seconds")
            .tag("shard", key.shard())
            .tag("replica", key.name())
            .register(metrics));
    for (ServingState state : ServingState.values()) {
      meters.add(
          Gauge.builder(
                  "postflight.replica.state", replicas, r -> r.seen(key).state() == state ? 1 : 0)
              .description("1 for the serving state the replica is in, as this instance sees it")
              .tag("shard", key.shard())
              .tag("replica", key.name())
              .tag("state", state.wireName())
              .register(metrics));
    }
    return meters;
  }
}
