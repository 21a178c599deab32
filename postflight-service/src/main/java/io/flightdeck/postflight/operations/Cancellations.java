package io.flightdeck.postflight.operations;

import io.flightdeck.postflight.control.ControlDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cancels an operation before its point of no return: in one transaction, with its steps' rows
 * locked (the lock a driver's start of a step takes too), the cancellation is stored, every step
 * not finished becomes {@code cancelled}, and the steps that undo what was started (named by the
 * operation's {@link OperationKind#undo kind}) are appended, pending. The driver then runs them
 * like any step, resumable the same way. Refused (409, nothing changed) once the operation is
 * finished, cancelled already, or past its point of no return.
 */
@ApplicationScoped
public class Cancellations {
  private final ControlDatabase db;
  private final Operations operations;
  private final Map<String, OperationKind> kinds;

  @Inject
  public Cancellations(
      ControlDatabase db, Operations operations, @Any Instance<OperationKind> kinds) {
    this(db, operations, kinds.stream().toList());
  }

  public Cancellations(ControlDatabase db, Operations operations, List<OperationKind> kinds) {
    this.db = db;
    this.operations = operations;
    this.kinds = kinds.stream().collect(Collectors.toMap(OperationKind::name, Function.identity()));
  }

  /**
   * @return the operation's status after the cancellation; empty for an unknown id
   * @throws OperationRefusedException (as the Uni's failure) when it cannot be cancelled
   */
  public Uni<Optional<OperationStatus>> cancel(String id) {
    return db.pool()
        .withTransaction(
            conn ->
                conn.preparedQuery(
                        "SELECT o.kind, o.parameters, o.point_of_no_return, c.requested_at"
                            + " FROM operations o LEFT JOIN operation_cancellations c ON c.operation_id = o.id"
                            + " WHERE o.id = ? FOR UPDATE")
                    .execute(Tuple.of(id))
                    .chain(
                        head -> {
                          if (head.size() == 0) {
                            return Uni.createFrom().item(false);
                          }
                          Row op = head.iterator().next();
                          return conn.preparedQuery(
                                  "SELECT ordinal, name, state, started_at FROM operation_steps"
                                      + " WHERE operation_id = ? ORDER BY ordinal FOR UPDATE")
                              .execute(Tuple.of(id))
                              .chain(
                                  rows -> {
                                    List<Row> steps = new ArrayList<>();
                                    rows.forEach(steps::add);
                                    return cancel(conn, id, op, steps).replaceWith(true);
                                  });
                        }))
        .chain(
            found ->
                found
                    ? operations.status(id)
                    : Uni.createFrom().item(Optional.<OperationStatus>empty()));
  }

  private Uni<Void> cancel(SqlConnection conn, String id, Row op, List<Row> steps) {
    if (op.getLocalDateTime("requested_at") != null) {
      throw new OperationRefusedException("operation " + id + " is cancelled already");
    }
    if (steps.stream().allMatch(s -> StepState.parse(s.getString("state")).finished())) {
      throw new OperationRefusedException("operation " + id + " is finished; nothing to cancel");
    }
    String pointOfNoReturn = op.getString("point_of_no_return");
    if (pointOfNoReturn != null
        && steps.stream()
            .anyMatch(
                s ->
                    s.getString("name").equals(pointOfNoReturn)
                        && s.getLocalDateTime("started_at") != null)) {
      throw new OperationRefusedException(
          "operation %s is past its point of no return (step %s has started): it can no longer be cancelled; it goes on to its end"
              .formatted(id, pointOfNoReturn));
    }
    List<String> started =
        steps.stream()
            .filter(s -> s.getLocalDateTime("started_at") != null)
            .map(s -> s.getString("name"))
            .toList();
    OperationKind kind = kinds.get(op.getString("kind"));
    List<String> undo = kind == null ? List.of() : kind.undo(op.getString("parameters"), started);
    LocalDateTime now = Operations.now();
    List<Tuple> appended = new ArrayList<>();
    for (int i = 0; i < undo.size(); i++) {
      appended.add(Tuple.of(id, steps.size() + i, undo.get(i), StepState.PENDING.wireName(), now));
    }
    return conn.preparedQuery(
            "INSERT INTO operation_cancellations (operation_id, requested_at) VALUES (?, ?)")
        .execute(Tuple.of(id, now))
        .chain(
            () ->
                conn.preparedQuery(
                        "UPDATE operation_steps SET state = 'cancelled', ended_at = COALESCE(ended_at, ?),"
                            + " updated_at = ?, reason = 'cancelled'"
                            + " WHERE operation_id = ? AND state IN ('pending', 'running', 'waiting')")
                    .execute(Tuple.of(now, now, id)))
        .chain(
            () ->
                appended.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : conn.preparedQuery(
                            "INSERT INTO operation_steps (operation_id, ordinal, name, state, updated_at) VALUES (?, ?, ?, ?, ?)")
                        .executeBatch(appended)
                        .replaceWithVoid())
        .replaceWithVoid();
  }
}
