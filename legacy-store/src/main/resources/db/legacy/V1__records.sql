-- The legacy combined store, the "before" design: one table holding every call and message in every
-- state, live and finished alike, with every index the public lists need. Each transition of a live
-- record rewrites its row and the index entries of the columns it changes (status always; times on
-- completion), beside rows that never change again. The aggregator reads it for accounts whose
-- read-path flag says legacy; nothing in the split design writes it.
--  * kind: 'call' or 'message'; the columns of the other kind stay NULL;
--  * one index per public list filter, leading with (account_sid, kind) where the filter exists for
--    both kinds, ending in the list order (date_created, sid);
--  * not partitioned: a lookup by Sid alone would otherwise probe every partition.
CREATE TABLE records (
  id                    BIGINT       NOT NULL AUTO_INCREMENT,
  kind                  VARCHAR(8)   NOT NULL,
  sid                   CHAR(34)     NOT NULL,
  account_sid           CHAR(34)     NOT NULL,
  status                VARCHAR(16)  NOT NULL,
  direction             VARCHAR(32)  NULL,
  from_address          VARCHAR(255) NULL,
  to_address            VARCHAR(255) NULL,
  parent_call_sid       CHAR(34)     NULL,
  from_formatted        VARCHAR(255) NULL,
  to_formatted          VARCHAR(255) NULL,
  caller_name           VARCHAR(255) NULL,
  forwarded_from        VARCHAR(255) NULL,
  answered_by           VARCHAR(32)  NULL,
  phone_number_sid      CHAR(34)     NULL,
  group_sid             CHAR(34)     NULL,
  trunk_sid             CHAR(34)     NULL,
  queue_time            VARCHAR(16)  NULL,
  start_time            DATETIME(6)  NULL,
  end_time              DATETIME(6)  NULL,
  duration              VARCHAR(16)  NULL,
  body                  TEXT         NULL,
  messaging_service_sid CHAR(34)     NULL,
  num_media             VARCHAR(8)   NULL,
  num_segments          VARCHAR(8)   NULL,
  error_code            INT          NULL,
  error_message         VARCHAR(255) NULL,
  date_sent             DATETIME(6)  NULL,
  price                 VARCHAR(16)  NULL,
  price_unit            CHAR(3)      NULL,
  date_created          DATETIME(6)  NOT NULL,
  date_updated          DATETIME(6)  NOT NULL,
  version               BIGINT       NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY records_sid (sid),
  KEY records_by_account (account_sid, kind, date_created, sid),
  KEY records_by_account_status (account_sid, kind, status, date_created, sid),
  KEY records_by_account_to (account_sid, kind, to_address, date_created, sid),
  KEY records_by_account_from (account_sid, kind, from_address, date_created, sid),
  KEY records_by_account_parent (account_sid, parent_call_sid, date_created, sid),
  KEY records_by_account_start_time (account_sid, start_time),
  KEY records_by_account_end_time (account_sid, end_time),
  KEY records_by_account_date_sent (account_sid, date_sent)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
