package io.flightdeck.postflight.control;

import io.flightdeck.postflight.store.ReplicaPools.ReplicaKey;
import io.flightdeck.postflight.store.ReplicaPools.Seen;
import io.flightdeck.postflight.store.ServingState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Each replica's {@link ServingState} in the control database ({@code replica_states}). A move is
 * made by any instance, under the catalogue's lock and with the catalogue's version moved on, so
 * every instance reads it at its next poll; it is refused (nothing changes) unless the replica is,
 * in the catalogue, a replica of the shard with role {@code reads}, is in the expected state, and
 * has been for at least the given time by the control database's clock.
 */
@ApplicationScoped
public class ReplicaStates {
  private static final Logger LOG = Logger.getLogger(ReplicaStates.class);

  private final ControlDatabase db;

  public ReplicaStates(ControlDatabase db) {
    this.db = db;
  }

  /** Every replica's state, its start dated on this instance's clock. */
  public Uni<Map<ReplicaKey, Seen>> all() {
    Instant asked = Instant.now();
    return db.pool()
        .query(
            "SELECT shard_id, name, state, TIMESTAMPDIFF(MICROSECOND, changed_at, NOW(6)) AS age"
                + " FROM replica_states")
        .execute()
        .map(rows -> seen(rows, asked));
  }

  private static Map<ReplicaKey, Seen> seen(RowSet<Row> rows, Instant asked) {
    Map<ReplicaKey, Seen> seen = new HashMap<>();
    for (Row row : rows) {
      ServingState.parse(row.getString("state"))
          .ifPresent(
              state ->
                  seen.put(
                      new ReplicaKey(row.getString("shard_id"), row.getString("name")),
                      new Seen(state, asked.minus(Duration.ofNanos(row.getLong("age") * 1000)))));
    }
    return seen;
  }

  /**
   * Moves the replica from {@code from} to {@code to} if it is still in {@code from} (a replica
   * never marked is {@code out}) and has been for {@code atLeast}.
   *
   * @return whether it moved
   */
  public Uni<Boolean> move(
      ReplicaKey replica, ServingState from, ServingState to, Duration atLeast) {
    if (!from.mayMoveTo(to)) {
      throw new IllegalArgumentException("a replica cannot move from " + from + " to " + to);
    }
    return db.pool()
        .withTransaction(
            conn ->
                ShardCatalogue.lock(conn)
                    .chain(() -> current(conn, replica))
                    .chain(
                        current -> {
                          if (current.isEmpty()
                              || current.get().state() != from
                              || current.get().age().compareTo(atLeast) < 0) {
                            return Uni.createFrom().item(false);
                          }
                          return conn.preparedQuery(
                                  "REPLACE INTO replica_states (shard_id, name, state, changed_at)"
                                      + " VALUES (?, ?, ?, NOW(6))")
                              .execute(Tuple.of(replica.shard(), replica.name(), to.wireName()))
                              .chain(() -> ShardCatalogue.bump(conn))
                              .replaceWith(true);
                        }))
        .invoke(
            moved -> {
              if (moved) {
                LOG.infof("replica %s: %s -> %s", replica, from.wireName(), to.wireName());
              }
            });
  }

  private record Current(ServingState state, Duration age) {}

  /** The replica's state and its age, empty when it is no reads replica of the shard. */
  private static Uni<Optional<Current>> current(SqlClient conn, ReplicaKey replica) {
    return conn.preparedQuery(
            "SELECT r.state, TIMESTAMPDIFF(MICROSECOND, r.changed_at, NOW(6)) AS age"
                + " FROM shard_servers v LEFT JOIN replica_states r"
                + " ON r.shard_id = v.shard_id AND r.name = v.name"
                + " WHERE v.shard_id = ? AND v.name = ? AND v.ordinal > 0 AND v.role = 'reads'"
                + " FOR UPDATE")
        .execute(Tuple.of(replica.shard(), replica.name()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.<Current>empty();
              }
              Row row = rows.iterator().next();
              String state = row.getString("state");
              return Optional.of(
                  state == null
                      ? new Current(ServingState.OUT, Duration.ofDays(36500))
                      : new Current(
                          ServingState.parse(state).orElse(ServingState.OUT),
                          Duration.ofNanos(row.getLong("age") * 1000)));
            });
  }

  /**
   * Inside the transaction of a change of the shard's servers ({@code before} to {@code after}): a
   * reads replica that was one already, with the same server, keeps its state; any other reads
   * replica (new, moved, the old primary after a pivot) starts {@code catching-up}; the rows of
   * servers that are no reads replica any more (the new primary) go.
   */
  static Uni<Void> reset(SqlConnection conn, Topology.Shard before, Topology.Shard after) {
    Set<Topology.Server> kept =
        before.replicas().stream()
            .filter(r -> r.role() == Topology.Role.READS)
            .collect(Collectors.toSet());
    List<String> readers = new ArrayList<>();
    List<Tuple> restarted = new ArrayList<>();
    for (Topology.Server replica : after.replicas()) {
      if (replica.role() != Topology.Role.READS) {
        continue;
      }
      readers.add(replica.name());
      if (!kept.contains(replica)) {
        restarted.add(Tuple.of(after.id(), replica.name(), ServingState.CATCHING_UP.wireName()));
      }
    }
    Uni<Void> deleted =
        conn.preparedQuery("SELECT name FROM replica_states WHERE shard_id = ?")
            .execute(Tuple.of(after.id()))
            .chain(
                rows -> {
                  List<Tuple> gone = new ArrayList<>();
                  rows.forEach(
                      row -> {
                        if (!readers.contains(row.getString("name"))) {
                          gone.add(Tuple.of(after.id(), row.getString("name")));
                        }
                      });
                  return gone.isEmpty()
                      ? Uni.createFrom().voidItem()
                      : conn.preparedQuery(
                              "DELETE FROM replica_states WHERE shard_id = ? AND name = ?")
                          .executeBatch(gone)
                          .replaceWithVoid();
                });
    if (restarted.isEmpty()) {
      return deleted;
    }
    return deleted.chain(
        () ->
            conn.preparedQuery(
                    "REPLACE INTO replica_states (shard_id, name, state, changed_at)"
                        + " VALUES (?, ?, ?, NOW(6))")
                .executeBatch(restarted)
                .replaceWithVoid());
  }
}
