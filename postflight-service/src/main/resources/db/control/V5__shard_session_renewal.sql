-- Moved on when every instance must open new sessions to a shard (a split's auto-increment change
-- of a server's global settings reaches only sessions opened after it). Instances follow it with
-- the catalogue's version: a shard whose generation moved gets a fresh pool, the old one drains.
ALTER TABLE shards ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
