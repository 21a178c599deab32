-- The accounts of each migration from the legacy store (io.flightdeck.postflight.operations.migration),
-- one row per operation and account: what its steps did so far, kept here rather than in memory so
-- that a driver killed at any point resumes where the last one stopped.
--  * write_path, read_path: the flags as this migration last set them (or found them at pre-check);
--    every step checks Unleash still says so, to notice a flip by hand.
--  * backfill_position: the legacy id after which the backfill goes on; backfill_started_at: the
--    legacy server's NOW(6) when it began (the catch-up looks for changes from there).
--  * mismatches: JSON, the differences verify or watch found last ([] when none).
CREATE TABLE migration_accounts (
  operation_id        VARCHAR(34)   NOT NULL,
  account_sid         CHAR(34)      NOT NULL,
  ordinal             INT           NOT NULL,
  step                VARCHAR(32)   NOT NULL,
  write_path          VARCHAR(32)   NOT NULL,
  read_path           VARCHAR(32)   NOT NULL,
  backfill_position   BIGINT        NOT NULL DEFAULT 0,
  rows_copied         BIGINT        NOT NULL DEFAULT 0,
  backfill_started_at DATETIME(6)   NULL,
  drain_started_at    DATETIME(6)   NULL,
  rows_verified       BIGINT        NOT NULL DEFAULT 0,
  mismatches          TEXT          NULL,
  capture_rows        BIGINT        NULL,
  capture_oldest      DATETIME(6)   NULL,
  watch_started_at    DATETIME(6)   NULL,
  watch_compared      BIGINT        NOT NULL DEFAULT 0,
  watch_differing     BIGINT        NOT NULL DEFAULT 0,
  rolled_back_at      DATETIME(6)   NULL,
  note                VARCHAR(2048) NULL,
  updated_at          DATETIME(6)   NOT NULL,
  PRIMARY KEY (operation_id, account_sid),
  KEY migration_accounts_by_account (account_sid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
