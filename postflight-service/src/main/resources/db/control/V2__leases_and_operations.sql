-- Leases and long operations (io.flightdeck.postflight.control.Leases, io.flightdeck.postflight.operations).

-- A lease names the one instance allowed to act (the partition keeper, the driver of an operation)
-- until it expires. Times are the control database's own clock (NOW(6)), so instances whose clocks
-- disagree still agree on who holds a lease.
CREATE TABLE leases (
  name       VARCHAR(128) NOT NULL,
  holder     VARCHAR(255) NOT NULL,
  taken_at   DATETIME(6)  NOT NULL,
  expires_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One long operation: its kind (which package runs it), its parameters as that package wrote them
-- (JSON), whether it is a dry run, and whether its steps may run out of order (a step that waits
-- does not hold up the next one). Never updated: the operation's state is its steps'.
CREATE TABLE operations (
  id                VARCHAR(34)  NOT NULL,
  kind              VARCHAR(64)  NOT NULL,
  parameters        TEXT         NOT NULL,
  dry_run           BOOLEAN      NOT NULL,
  independent_steps BOOLEAN      NOT NULL,
  created_at        DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY operations_by_kind (kind, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The steps of an operation, in order. state: pending | running | waiting (it could not proceed;
-- reason says why; tried again) | done | failed (it will not be tried again; reason says why).
-- The driver writes each change before and after the work, so a driver killed at any point leaves
-- a row that says how far it got; the next driver runs a step that was running again (steps are
-- idempotent).
CREATE TABLE operation_steps (
  operation_id VARCHAR(34)   NOT NULL,
  ordinal      INT           NOT NULL,
  name         VARCHAR(128)  NOT NULL,
  state        VARCHAR(16)   NOT NULL,
  started_at   DATETIME(6)   NULL,
  ended_at     DATETIME(6)   NULL,
  updated_at   DATETIME(6)   NOT NULL,
  attempts     INT           NOT NULL DEFAULT 0,
  progress     VARCHAR(2048) NULL,
  reason       VARCHAR(2048) NULL,
  PRIMARY KEY (operation_id, ordinal),
  KEY operation_steps_by_state (state, operation_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
