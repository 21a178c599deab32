-- A rolling migration for the schema-change tests only: backward compatible (expand), a nullable
-- column at the end of the table (what row-based replication between the two shapes needs) and an
-- index. The service names its columns, so it works against either shape while the change rolls.
ALTER TABLE calls
  ADD COLUMN note VARCHAR(64) NULL,
  ADD INDEX calls_by_account_note (account_sid, note);
