-- Calls and messages share one live table: the write path is the same for both kinds, and a kind
-- column in the listing index keeps each kind's list a single range scan. Message statuses run
-- longer than call statuses (partially_delivered).
RENAME TABLE live_call TO live_record;
ALTER TABLE live_record
  ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'call' AFTER account_sid,
  MODIFY COLUMN status VARCHAR(24) NOT NULL,
  DROP INDEX live_call_by_account,
  ADD INDEX live_record_by_account (account_sid, kind, date_created DESC, sid DESC);
