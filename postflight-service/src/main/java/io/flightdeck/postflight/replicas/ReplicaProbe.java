package io.flightdeck.postflight.replicas;

import io.flightdeck.postflight.store.ReplicaPools.Reader;
import io.flightdeck.postflight.topology.ServerFacts;
import io.flightdeck.postflight.topology.ServerProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;

/**
 * One probe of a reads replica: its replication link to the shard's primary (both threads running,
 * {@code Seconds_Behind_Master}), then whether it applies the primary's current position
 * ({@code @@gtid_binlog_pos}, read first) within {@code maxLag} ({@code MASTER_GTID_WAIT}); the
 * time that took is its lag. A server that does not answer within {@code maxLag} and a second is
 * unhealthy.
 */
final class ReplicaProbe {
  private ReplicaProbe() {}

  /**
   * What a probe found.
   *
   * @param lagSeconds how far behind the primary it was found, NaN when unknown (a thread stopped,
   *     no answer)
   * @param readOnly empty when it did not answer
   * @param linked whether it has a replication link to the shard's primary (running or not)
   */
  record Verdict(
      boolean healthy,
      String reason,
      double lagSeconds,
      Optional<Boolean> readOnly,
      boolean linked) {
    static Verdict unhealthy(String reason, double lag, Optional<Boolean> readOnly) {
      return new Verdict(false, reason, lag, readOnly, true);
    }
  }

  static Uni<Verdict> probe(Reader reader, Pool primary, Duration maxLag) {
    return primary
        .query("SELECT @@gtid_binlog_pos")
        .execute()
        .map(rows -> String.valueOf(rows.iterator().next().getValue(0)))
        .chain(
            position ->
                ServerProbe.facts(reader.pool())
                    .chain(facts -> judged(reader, facts, position, maxLag)))
        .ifNoItem()
        .after(maxLag.plusSeconds(1))
        .fail()
        .onFailure()
        .recoverWithItem(
            e ->
                new Verdict(
                    false, "no answer: " + e.getMessage(), Double.NaN, Optional.empty(), false));
  }

  private static Uni<Verdict> judged(
      Reader reader, ServerFacts facts, String position, Duration maxLag) {
    Optional<Boolean> readOnly = Optional.of(facts.readOnly());
    Optional<ServerFacts.Link> link =
        facts
            .linkTo(reader.primary().host(), reader.primary().port())
            .or(
                () ->
                    facts.links().size() == 1
                        ? Optional.of(facts.links().get(0))
                        : Optional.empty());
    if (link.isEmpty()) {
      return Uni.createFrom()
          .item(
              new Verdict(
                  false, "no replication link to its primary", Double.NaN, readOnly, false));
    }
    ServerFacts.Link l = link.get();
    if (!l.replicating()) {
      return Uni.createFrom()
          .item(
              Verdict.unhealthy(
                  "replication stopped (IO %s, SQL %s) %s"
                      .formatted(
                          l.ioRunning() ? "on" : "off",
                          l.sqlRunning() ? "on" : "off",
                          l.lastError()),
                  Double.NaN,
                  readOnly));
    }
    long behind = l.secondsBehind().orElse(Long.MAX_VALUE);
    if (behind > maxLag.toSeconds()) {
      return Uni.createFrom()
          .item(
              Verdict.unhealthy(
                  "Seconds_Behind_Master " + l.secondsBehind().map(String::valueOf).orElse("NULL"),
                  l.secondsBehind().map(Long::doubleValue).orElse(Double.NaN),
                  readOnly));
    }
    long started = System.nanoTime();
    return reader
        .pool()
        .preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
        .execute(Tuple.of(position, maxLag.toMillis() / 1000.0))
        .map(
            rows -> {
              double took = (System.nanoTime() - started) / 1e9;
              return rows.iterator().next().getInteger(0) == 0
                  ? new Verdict(true, "caught up", took, readOnly, true)
                  : Verdict.unhealthy(
                      "has not applied the primary's position " + position + " within " + maxLag,
                      Math.max(took, behind),
                      readOnly);
            });
  }
}
