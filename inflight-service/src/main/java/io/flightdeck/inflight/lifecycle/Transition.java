package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Status;
import java.time.Instant;

/** A producer's report that a record moved to a new status, with the fields that change with it. */
public interface Transition<R extends LifecycleRecord, S extends Status> {
  S status();

  /** Checks the request's own fields; the refusal names the field. */
  void validate();

  /** The record after this transition: status, changed fields, one version later. */
  R applyTo(R current, Instant now);
}
