-- The declarative topology (GET/PUT /admin/v1/Topology): each server of a shard has a name that
-- stays with it when a pivot changes its place, a role (a replica that serves reads, or one kept as
-- a backup only) and the replication identity it was declared with. NULL ids: not declared, read
-- from the server when the topology is shown or validated.
ALTER TABLE shard_servers
  ADD COLUMN name VARCHAR(64) NULL,
  ADD COLUMN role VARCHAR(8) NOT NULL DEFAULT 'reads',
  ADD COLUMN server_id BIGINT NULL,
  ADD COLUMN gtid_domain_id BIGINT NULL;

UPDATE shard_servers
  SET name = IF(ordinal = 0, shard_id, CONCAT(shard_id, '-replica-', ordinal))
  WHERE name IS NULL;
