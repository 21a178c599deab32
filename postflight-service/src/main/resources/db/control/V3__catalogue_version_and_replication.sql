-- Shards added and removed at run time (POST/DELETE /admin/v1/Shards), and which shard replicates
-- from which (a split's target, while it is a replica of its source).

-- One row, bumped by every change of the catalogue. Every instance polls it with the map versions
-- and opens or closes its pools when it moves. Map changes and catalogue changes lock this row
-- first, so each sees the other's outcome when it checks that the two maps agree with the catalogue.
CREATE TABLE catalogue_version (
  name       VARCHAR(16) NOT NULL,
  version    BIGINT      NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO catalogue_version (name, version, changed_at) VALUES ('catalogue', 1, UTC_TIMESTAMP(6));

-- The shard whose writes this shard applies by replication, NULL for a shard that is a primary of
-- its own. While it is set, a read map may send reads here for keys whose writes go to that shard.
ALTER TABLE shards ADD COLUMN replicates_from VARCHAR(64) NULL;
