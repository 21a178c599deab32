package io.flightdeck.postflight.operations;

import io.flightdeck.postflight.control.ControlDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDateTime;

/**
 * How the {@link OperationDriver} records each run of a step in the control database: started,
 * progressed, ended, or skipped. Every write leaves a cancelled step as it is, so a cancellation
 * that got there first always wins. The status is derived from these rows ({@link Operations}).
 */
final class StepRecords {
  private static final int TEXT_LIMIT = 2048;

  private final ControlDatabase db;

  StepRecords(ControlDatabase db) {
    this.db = db;
  }

  /**
   * The step starts (again): running, one more attempt, its start kept from the first attempt.
   *
   * @return false when the step was cancelled meanwhile: it must not run (the row's lock orders
   *     this against a cancellation, which refuses once the point of no return has started)
   */
  Uni<Boolean> started(String id, int ordinal) {
    LocalDateTime now = Operations.now();
    return db.pool()
        .preparedQuery(
            "UPDATE operation_steps SET state = 'running', started_at = COALESCE(started_at, ?), updated_at = ?,"
                + " attempts = attempts + 1, reason = NULL"
                + " WHERE operation_id = ? AND ordinal = ? AND state <> 'cancelled'")
        .execute(Tuple.of(now, now, id, ordinal))
        .map(rows -> rows.rowCount() == 1);
  }

  Uni<Void> progressed(String id, int ordinal, String progress) {
    return update(
        "UPDATE operation_steps SET progress = ?, updated_at = ? WHERE operation_id = ? AND ordinal = ?",
        clip(progress),
        Operations.now(),
        id,
        ordinal);
  }

  /** Stores how the step ended this time. */
  Uni<Void> ended(String id, int ordinal, StepOutcome outcome) {
    LocalDateTime now = Operations.now();
    if (outcome instanceof StepOutcome.Done done) {
      return update(
          "UPDATE operation_steps SET state = 'done', ended_at = ?, updated_at = ?, progress = ?, reason = NULL"
              + " WHERE operation_id = ? AND ordinal = ? AND state <> 'cancelled'",
          now,
          now,
          clip(done.progress()),
          id,
          ordinal);
    }
    if (outcome instanceof StepOutcome.Waiting waiting) {
      return update(
          "UPDATE operation_steps SET state = 'waiting', updated_at = ?, reason = ?"
              + " WHERE operation_id = ? AND ordinal = ? AND state <> 'cancelled'",
          now,
          clip(waiting.reason()),
          id,
          ordinal);
    }
    StepOutcome.Failed failed = (StepOutcome.Failed) outcome;
    return update(
        "UPDATE operation_steps SET state = 'failed', ended_at = ?, updated_at = ?, reason = ?"
            + " WHERE operation_id = ? AND ordinal = ? AND state <> 'cancelled'",
        now,
        now,
        clip(failed.reason()),
        id,
        ordinal);
  }

  /** Cancels every step of the operation that has not started, with the reason. */
  Uni<Void> skipPending(String id, String reason) {
    LocalDateTime now = Operations.now();
    return update(
        "UPDATE operation_steps SET state = 'cancelled', ended_at = ?, updated_at = ?, reason = ?"
            + " WHERE operation_id = ? AND state = 'pending'",
        now,
        now,
        clip(reason),
        id);
  }

  private Uni<Void> update(String sql, Object... values) {
    return db.pool().preparedQuery(sql).execute(Tuple.from(values)).replaceWithVoid();
  }

  private static String clip(String text) {
    return text == null || text.length() <= TEXT_LIMIT
        ? text
        : text.substring(0, TEXT_LIMIT - 1) + "…";
  }
}
