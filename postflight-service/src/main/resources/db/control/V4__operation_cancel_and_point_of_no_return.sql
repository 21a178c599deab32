-- Cancelling a long operation, and the step past which it cannot be cancelled
-- (io.flightdeck.postflight.operations).

-- The step of an operation that is its point of no return (e.g. a split's cut): once that step has
-- started, the operation can no longer be cancelled. NULL: cancellable until it finishes. Written
-- with the operation, never updated.
ALTER TABLE operations ADD COLUMN point_of_no_return VARCHAR(128) NULL;

-- A cancellation asked for: at that moment the steps not finished became 'cancelled' and the
-- operation's kind appended the steps that undo what was done (pending). One row per operation.
CREATE TABLE operation_cancellations (
  operation_id VARCHAR(34) NOT NULL,
  requested_at DATETIME(6) NOT NULL,
  PRIMARY KEY (operation_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
