-- The in-flight store is tuned for writes: every state change of a live call rewrites one small row.
-- Hence one table per kind keyed by Sid, the full record as a JSON document (no column churn when
-- the record model grows), and exactly one secondary index: the one the aggregator's per-account
-- listing needs, (account, date created desc, sid desc). No foreign keys: they cost a lookup per
-- write and nothing here needs them.
CREATE TABLE live_call (
  sid          CHAR(34)    NOT NULL,
  account_sid  CHAR(34)    NOT NULL,
  status       VARCHAR(16) NOT NULL,
  date_created DATETIME(6) NOT NULL,
  version      BIGINT      NOT NULL,
  record       TEXT        NOT NULL,
  PRIMARY KEY (sid),
  KEY live_call_by_account (account_sid, date_created DESC, sid DESC)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A retried create with the same Idempotency-Key returns the record first created. Kept apart from
-- live_call so the answer survives the record's move post-flight.
CREATE TABLE idempotency_key (
  account_sid     CHAR(34)     NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  sid             CHAR(34)     NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (account_sid, idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Completed-record events written in the same transaction as the terminal transition; the relay
-- publishes them in id order and deletes them once the broker has acknowledged.
CREATE TABLE outbox (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  account_sid CHAR(34)     NOT NULL,
  event_id    VARCHAR(64)  NOT NULL,
  payload     MEDIUMBLOB   NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
