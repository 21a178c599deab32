-- A filtered list finds its page by an index instead of walking every live record of the account
-- (V7 tested each row inside the server, but still read them all: with 800 live calls an account's
-- Status=completed page read 800 rows for one match). One index per equality filter, each ending in
-- the list order, as post-flight's and the legacy store's tables have them. A transition changes
-- `status`, so it now also moves one entry of the status index, as the legacy store's rewrite did.
-- The address and parent columns become VARCHAR to be indexed whole (a record's addresses are at most
-- FieldLimits.ADDRESS_LENGTH characters); they stay VIRTUAL: the index keeps their values, the row
-- does not, and a transition leaves their entries alone because the values do not change.
ALTER TABLE live_record
  DROP COLUMN to_address,
  DROP COLUMN from_address,
  DROP COLUMN parent_call_sid;

ALTER TABLE live_record
  ADD COLUMN to_address VARCHAR(255) AS (JSON_VALUE(record, '$.to')) VIRTUAL,
  ADD COLUMN from_address VARCHAR(255) AS (JSON_VALUE(record, '$.from')) VIRTUAL,
  ADD COLUMN parent_call_sid CHAR(34) AS (JSON_VALUE(record, '$.parent_call_sid')) VIRTUAL,
  ADD INDEX live_record_by_status (account_sid, kind, status, date_created DESC, sid DESC),
  ADD INDEX live_record_by_to (account_sid, kind, to_address, date_created DESC, sid DESC),
  ADD INDEX live_record_by_from (account_sid, kind, from_address, date_created DESC, sid DESC),
  ADD INDEX live_record_by_parent (account_sid, parent_call_sid, date_created DESC, sid DESC);
