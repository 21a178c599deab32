-- How a shard's server numbers new rows' surrogate ids, set on every session the services open
-- (a split gives its source and target increment 2, offsets 1 and 2, so the two primaries never
-- hand out the same id). In the catalogue rather than only in the server's global variables, which
-- a restart of the server forgets.
ALTER TABLE shards
  ADD COLUMN id_increment INT NOT NULL DEFAULT 1,
  ADD COLUMN id_offset INT NOT NULL DEFAULT 1;
