package io.flightdeck.postflight.ingest;

import io.flightdeck.postflight.control.ControlConfig;
import io.flightdeck.postflight.control.ControlPlane;
import io.flightdeck.postflight.control.ReplicaStates;
import io.flightdeck.postflight.store.ReplicaPools;
import io.flightdeck.postflight.store.ReplicaPools.Reader;
import io.flightdeck.postflight.store.ReplicaPools.Seen;
import io.flightdeck.postflight.store.ServingState;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What a confirmation of records committed on a shard waits for among that shard's reads replicas
 * (No amnesia with replica reads): every replica that is {@code catching-up} or {@code serving}
 * must have applied the commit (the primary's position read after it, {@code MASTER_GTID_WAIT} for
 * at most {@code replica-wait}). One that does not, or that this instance's own probe finds
 * unhealthy, holds the confirmation and is marked {@code out}.
 *
 * <p>A replica that went {@code out} less than {@link ControlPlane#changeNotice} ago holds every
 * confirmation without being waited for: an instance that has not seen it out yet may still read
 * from it, and a record confirmed now would be purged from in-flight before that reader sees it.
 * After the notice every instance reads from the primary, and an {@code out} replica is neither
 * waited for nor holds anything. The same holds for a replica that left the shard's readers (taken
 * out of the topology) while it was waited for, unless it became the primary. A replica with role
 * {@code backup} is never awaited.
 */
@ApplicationScoped
class ReplicaWaits {
  private static final Logger LOG = Logger.getLogger(ReplicaWaits.class);

  private final ReplicaPools replicas;
  private final ReplicaStates states;
  private final IngestConfig config;
  private final Duration notice;
  private final Map<ReplicaPools.ReplicaKey, Instant> lagging = new ConcurrentHashMap<>();

  ReplicaWaits(Shards shards, ReplicaStates states, IngestConfig config, ControlConfig control) {
    this.replicas = shards.replicas();
    this.states = states;
    this.config = config;
    this.notice = ControlPlane.changeNotice(control.pollInterval());
  }

  /** Whether a confirmation of the shard's records has any replica to wait for or be held by. */
  boolean any(String shard) {
    Instant now = Instant.now();
    return recentlyDeparted(shard, now)
        || replicas.readers(shard).stream().anyMatch(r -> concerned(replicas.seen(r.key()), now));
  }

  /** A replica that was waited for left the shard's readers less than the notice ago. */
  private boolean recentlyDeparted(String shard, Instant now) {
    return replicas.departed(shard).filter(at -> now.isBefore(at.plus(notice))).isPresent();
  }

  private boolean concerned(Seen seen, Instant now) {
    return seen.state().awaited() || now.isBefore(seen.since().plus(notice));
  }

  /**
   * Empty once every awaited replica of the shard has applied {@code position}; else the replica
   * that holds the confirmation.
   */
  Uni<Optional<String>> holding(String shard, Optional<String> position, int records) {
    Instant now = Instant.now();
    if (recentlyDeparted(shard, now)) {
      return Uni.createFrom().item(Optional.of("a replica of " + shard + " that left its readers"));
    }
    List<Uni<Optional<String>>> waits =
        replicas.readers(shard).stream()
            .filter(r -> concerned(replicas.seen(r.key()), now))
            .map(r -> holding(r, position, records, now))
            .toList();
    if (waits.isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return Uni.join()
        .all(waits)
        .andFailFast()
        .map(all -> all.stream().flatMap(Optional::stream).findFirst());
  }

  private Uni<Optional<String>> holding(
      Reader reader, Optional<String> position, int records, Instant now) {
    Seen seen = replicas.seen(reader.key());
    Optional<String> held = Optional.of("replica " + reader.key());
    if (!seen.state().awaited()) {
      return Uni.createFrom().item(held);
    }
    Instant until = lagging.get(reader.key());
    if (position.isEmpty()
        || replicas.unhealthy(reader.key())
        || (until != null && now.isBefore(until))) {
      return markedOut(reader, seen).replaceWith(held);
    }
    double seconds = config.replicaWait().toMillis() / 1000.0;
    return reader
        .pool()
        .preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
        .execute(Tuple.of(position.get(), seconds))
        .map(rows -> Objects.equals(rows.iterator().next().getInteger(0), 0))
        .onFailure()
        .recoverWithItem(false)
        .chain(
            applied -> {
              if (applied) {
                lagging.remove(reader.key());
                return Uni.createFrom().item(Optional.<String>empty());
              }
              LOG.infof(
                  "replica %s has not applied position %s within %s: %d confirmations wait on the"
                      + " retry topic, and it is taken out of reads",
                  reader.key(), position.get(), config.replicaWait(), records);
              lagging.put(reader.key(), Instant.now().plus(config.retryDelay()));
              return markedOut(reader, seen).replaceWith(held);
            });
  }

  private Uni<Void> markedOut(Reader reader, Seen seen) {
    return states
        .move(reader.key(), seen.state(), ServingState.OUT, Duration.ZERO)
        .onFailure()
        .recoverWithItem(false)
        .replaceWithVoid();
  }
}
