package io.flightdeck.postflight.control;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Leases in the control database: at most one holder per name at a time, for a bounded time, so
 * that of all the instances one acts (the partition keeper, the driver of one operation). A holder
 * that dies stops renewing and loses the lease when it expires; another takes it then. Expiry is
 * judged by the control database's clock, never by the instances'. Thread-safe.
 */
@ApplicationScoped
public class Leases {
  // Assignments run left to right and see the values already assigned: taken_at changes only when
  // another holder takes an expired lease; holder only when it has expired (or is the caller
  // already); expires_at only when the caller holds it now.
  private static final String ACQUIRE =
      "INSERT INTO leases (name, holder, taken_at, expires_at) VALUES (?, ?, NOW(6), NOW(6) + INTERVAL ? MICROSECOND)"
          + " ON DUPLICATE KEY UPDATE"
          + " taken_at = IF(holder <> VALUES(holder) AND expires_at <= NOW(6), VALUES(taken_at), taken_at),"
          + " holder = IF(expires_at <= NOW(6), VALUES(holder), holder),"
          + " expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)";

  private final ControlDatabase db;

  public Leases(ControlDatabase db) {
    this.db = db;
  }

  /** A lease as stored: who holds it, since when, until when, and whether it is still in force. */
  public record Lease(
      String name, String holder, Instant takenAt, Instant expiresAt, boolean current) {}

  /**
   * Takes the lease for {@code holder} if it is free or expired, or renews it if {@code holder} has
   * it already; a lease held by someone else is left alone.
   *
   * @return whether {@code holder} holds the lease now, for {@code duration} from now
   */
  public Uni<Boolean> acquire(String name, String holder, Duration duration) {
    return db.pool()
        .withTransaction(
            conn ->
                conn.preparedQuery(ACQUIRE)
                    .execute(Tuple.of(name, holder, duration.toNanos() / 1000))
                    .chain(
                        () ->
                            conn.preparedQuery("SELECT holder FROM leases WHERE name = ?")
                                .execute(Tuple.of(name)))
                    .map(rows -> holder.equals(rows.iterator().next().getString("holder"))));
  }

  /** Gives the lease up, if {@code holder} holds it; another may take it at once. */
  public Uni<Void> release(String name, String holder) {
    return db.pool()
        .preparedQuery("DELETE FROM leases WHERE name = ? AND holder = ?")
        .execute(Tuple.of(name, holder))
        .replaceWithVoid();
  }

  /** The lease as stored, expired or not; empty if nobody ever took it or it was released. */
  public Uni<Optional<Lease>> find(String name) {
    return db.pool()
        .preparedQuery(
            "SELECT name, holder, taken_at, expires_at, expires_at > NOW(6) AS in_force FROM leases WHERE name = ?")
        .execute(Tuple.of(name))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(lease(rows.iterator().next())));
  }

  private static Lease lease(Row row) {
    return new Lease(
        row.getString("name"),
        row.getString("holder"),
        row.getLocalDateTime("taken_at").toInstant(ZoneOffset.UTC),
        row.getLocalDateTime("expires_at").toInstant(ZoneOffset.UTC),
        ((Number) row.getValue("in_force")).longValue() != 0);
  }
}
