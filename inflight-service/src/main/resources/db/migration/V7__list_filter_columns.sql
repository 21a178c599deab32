-- A filtered list (To, From, ParentCallSid, StartTime, EndTime, DateSent) is tested by the node
-- itself: these columns are the filter fields as record-contract's list queries name them, read from
-- the record's JSON when a row is read. VIRTUAL, so a write stores nothing more and no index is
-- kept; a list still walks the account's listing index, but a row that does not match is skipped
-- inside the server instead of being sent and parsed by the service. Instants are kept in the JSON
-- as ISO-8601 in UTC ('2026-02-03T10:00:00.5Z'), made DATETIME(6) here. Adding virtual columns is
-- instant on MariaDB: no table copy.
ALTER TABLE live_record
  ADD COLUMN to_address TEXT AS (JSON_VALUE(record, '$.to')) VIRTUAL,
  ADD COLUMN from_address TEXT AS (JSON_VALUE(record, '$.from')) VIRTUAL,
  ADD COLUMN parent_call_sid TEXT AS (JSON_VALUE(record, '$.parent_call_sid')) VIRTUAL,
  ADD COLUMN start_time DATETIME(6)
    AS (CAST(REPLACE(REPLACE(JSON_VALUE(record, '$.start_time'), 'T', ' '), 'Z', '') AS DATETIME(6)))
    VIRTUAL,
  ADD COLUMN end_time DATETIME(6)
    AS (CAST(REPLACE(REPLACE(JSON_VALUE(record, '$.end_time'), 'T', ' '), 'Z', '') AS DATETIME(6)))
    VIRTUAL,
  ADD COLUMN date_sent DATETIME(6)
    AS (CAST(REPLACE(REPLACE(JSON_VALUE(record, '$.date_sent'), 'T', ' '), 'Z', '') AS DATETIME(6)))
    VIRTUAL;
