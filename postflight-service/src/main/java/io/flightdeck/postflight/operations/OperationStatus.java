package io.flightdeck.postflight.operations;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.control.Leases;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An operation as its status shows it, derived from what is stored: its steps' states and whether a
 * driver holds its lease now. Nothing of it is kept in memory, so every instance answers the same.
 *
 * @param status {@code completed} (every step done), {@code failed} (every step finished, some
 *     failed), {@code paused} (a step waits to be tried again: see its reason), {@code running} (a
 *     driver holds the lease), {@code pending} (no driver at the moment: one takes it within the
 *     drive interval, or once the lease of a driver that died has expired), {@code cancelled}
 *     (cancelled, and every step that undoes it done)
 * @param pointOfNoReturn the step past which the operation cannot be cancelled, if it has one
 * @param pastPointOfNoReturn whether that step has started
 * @param cancelledAt when a cancellation was asked for
 * @param driver the instance holding the lease, while one does
 * @param summary the status in words: steps done, and what waits or failed and why
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OperationStatus(
    String id,
    String kind,
    boolean dryRun,
    @JsonRawValue String parameters,
    Instant createdAt,
    Status status,
    String driver,
    int stepsDone,
    int stepsTotal,
    String summary,
    String pointOfNoReturn,
    boolean pastPointOfNoReturn,
    Instant cancelledAt,
    List<StepStatus> steps) {

  /** The status of an operation as a whole. */
  public enum Status {
    PENDING,
    RUNNING,
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether nothing more will happen. */
    public boolean finished() {
      return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
  }

  /** One step as stored: state, times, attempts, what it did so far, and why it waits or failed. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record StepStatus(
      String name,
      StepState state,
      Instant startedAt,
      Instant endedAt,
      Instant updatedAt,
      int attempts,
      String progress,
      String reason) {}

  static OperationStatus derive(Operations.Stored op, Optional<Leases.Lease> lease) {
    List<StepStatus> steps = op.steps();
    Optional<String> driver = lease.filter(Leases.Lease::current).map(Leases.Lease::holder);
    int done = (int) steps.stream().filter(s -> s.state() == StepState.DONE).count();
    boolean allFinished = steps.stream().allMatch(s -> s.state().finished());
    boolean anyRunning = steps.stream().anyMatch(s -> s.state() == StepState.RUNNING);
    boolean anyWaiting = steps.stream().anyMatch(s -> s.state() == StepState.WAITING);
    boolean anyFailed = steps.stream().anyMatch(s -> s.state() == StepState.FAILED);
    Status status;
    if (done == steps.size()) {
      status = Status.COMPLETED;
    } else if (allFinished && op.cancelledAt().isPresent() && !anyFailed) {
      status = Status.CANCELLED;
    } else if (allFinished) {
      status = Status.FAILED;
    } else if (anyRunning && driver.isPresent()) {
      status = Status.RUNNING;
    } else if (anyWaiting) {
      status = Status.PAUSED;
    } else {
      status = driver.isPresent() ? Status.RUNNING : Status.PENDING;
    }
    String unfinished =
        steps.stream()
            .filter(s -> s.state() != StepState.DONE)
            .map(
                s ->
                    s.name()
                        + " "
                        + s.state().wireName()
                        + (s.reason() == null ? "" : ": " + s.reason()))
            .collect(Collectors.joining("; "));
    String summary =
        done
            + " of "
            + steps.size()
            + " steps done"
            + (unfinished.isEmpty() ? "" : "; " + unfinished);
    boolean past =
        op.pointOfNoReturn()
            .map(
                name ->
                    steps.stream().anyMatch(s -> s.name().equals(name) && s.startedAt() != null))
            .orElse(false);
    return new OperationStatus(
        op.id(),
        op.kind(),
        op.dryRun(),
        op.parameters(),
        op.createdAt(),
        status,
        driver.orElse(null),
        done,
        steps.size(),
        (op.cancelledAt().isPresent() ? "cancelled; " : "") + summary,
        op.pointOfNoReturn().orElse(null),
        past,
        op.cancelledAt().orElse(null),
        steps);
  }
}
