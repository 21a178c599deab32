-- Post-flight messages, read-optimized, on the same principles as the calls table (V1): a surrogate
-- AUTO_INCREMENT id for shard splits, (sid, date_created) unique so an upsert finds the stored copy,
-- monthly partitions on date_created, and one index per list filter leading with account_sid.
--  * To and From end in the list order (date_created, sid): a filtered page is a range scan that
--    stops after PageSize rows;
--  * DateSent is a window: (account_sid, date_sent) serves the range, the page is then sorted.
-- The calls table already has an index for each of its filters (V1), so it is left as it is.
CREATE TABLE messages (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  sid                   CHAR(34)      NOT NULL,
  account_sid           CHAR(34)      NOT NULL,
  status                VARCHAR(24)   NOT NULL,
  direction             VARCHAR(32)   NULL,
  from_address          VARCHAR(255)  NULL,
  to_address            VARCHAR(255)  NULL,
  body                  TEXT          NULL,
  messaging_service_sid CHAR(34)      NULL,
  num_media             VARCHAR(16)   NULL,
  num_segments          VARCHAR(16)   NULL,
  error_code            INT           NULL,
  error_message         VARCHAR(1024) NULL,
  price                 VARCHAR(16)   NULL,
  price_unit            CHAR(3)       NULL,
  date_sent             DATETIME(6)   NULL,
  date_created          DATETIME(6)   NOT NULL,
  date_updated          DATETIME(6)   NOT NULL,
  version               BIGINT        NOT NULL,
  PRIMARY KEY (id, date_created),
  UNIQUE KEY messages_sid (sid, date_created),
  KEY messages_by_account (account_sid, date_created, sid),
  KEY messages_by_account_to (account_sid, to_address, date_created, sid),
  KEY messages_by_account_from (account_sid, from_address, date_created, sid),
  KEY messages_by_account_date_sent (account_sid, date_sent)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
PARTITION BY RANGE COLUMNS (date_created) (
  PARTITION p_before VALUES LESS THAN ('2025-01-01'),
  PARTITION p_future VALUES LESS THAN (MAXVALUE)
);

-- The same months as the calls table, p202501 .. p202712, generated rather than written out: one
-- partition per month splits p_future (instant on an empty table). Adding later months is the same
-- REORGANIZE of p_future, on both tables.
SET @months = (
  WITH RECURSIVE month (first_day) AS (
    SELECT DATE '2025-01-01'
    UNION ALL
    SELECT first_day + INTERVAL 1 MONTH FROM month WHERE first_day < DATE '2027-12-01')
  SELECT GROUP_CONCAT(
           CONCAT('PARTITION p', DATE_FORMAT(first_day, '%Y%m'),
                  ' VALUES LESS THAN (''', first_day + INTERVAL 1 MONTH, ''')')
           ORDER BY first_day SEPARATOR ', ')
  FROM month);
EXECUTE IMMEDIATE CONCAT(
  'ALTER TABLE messages REORGANIZE PARTITION p_future INTO (',
  @months, ', PARTITION p_future VALUES LESS THAN (MAXVALUE))');
