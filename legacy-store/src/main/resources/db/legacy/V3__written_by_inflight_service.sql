-- The legacy store becomes a real write path (DESIGN.md, "Migration"): inflight-service writes the
-- records of accounts whose write-path flag says legacy here, and during a migration also copies here
-- what it writes in the split stores, so that legacy keeps holding all of the account.
--  * mirrored: 1 on a copy of a record the in-flight nodes hold (its life is led there; this row
--    follows it, version by version); 0 on a record that lives here.
--  * records_by_account_id: a migration's backfill walks one account's rows in id order from a
--    stored position.
--  * idempotency_key and outbox: the in-flight nodes' tables, the same columns and the same meaning,
--    so one relay publishes both outboxes to records.completed and billing cannot tell them apart.
ALTER TABLE records ADD COLUMN mirrored BOOLEAN NOT NULL DEFAULT 0, ALGORITHM = INSTANT;
ALTER TABLE records ADD INDEX records_by_account_id (account_sid, id), ALGORITHM = INPLACE, LOCK = NONE;

CREATE TABLE idempotency_key (
  account_sid     CHAR(34)     NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  sid             CHAR(34)     NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (account_sid, idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE outbox (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  lane        SMALLINT     NOT NULL DEFAULT 0,
  account_sid CHAR(34)     NOT NULL,
  event_id    VARCHAR(64)  NOT NULL,
  payload     MEDIUMBLOB   NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  traceparent VARCHAR(55)  NULL,
  PRIMARY KEY (id),
  KEY outbox_by_lane (lane, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
