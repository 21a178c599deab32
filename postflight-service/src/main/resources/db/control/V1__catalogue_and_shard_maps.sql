-- The control database of postflight-service: the shard catalogue and the versioned read and write
-- shard maps. Small, written rarely (by the admin API), read by every instance several times a
-- second (the poll for new map versions reads only the primary key of shard_map_versions).

-- One row per shard; its servers below. Keyed by the id the shard maps name.
CREATE TABLE shards (
  id         VARCHAR(64) NOT NULL,
  pool_size  INT         NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A shard's MariaDB servers: ordinal 0 is the primary, 1.. its replicas in order.
CREATE TABLE shard_servers (
  shard_id      VARCHAR(64)  NOT NULL,
  ordinal       INT          NOT NULL,
  host          VARCHAR(255) NOT NULL,
  port          INT          NOT NULL,
  username      VARCHAR(128) NOT NULL,
  password      VARCHAR(255) NOT NULL,
  database_name VARCHAR(64)  NOT NULL,
  PRIMARY KEY (shard_id, ordinal)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What has been seeded from configuration at a first start (the row's primary key makes two
-- instances starting at once seed only once).
CREATE TABLE seeds (
  name      VARCHAR(64) NOT NULL,
  seeded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every version of the read and write maps; rows are only ever inserted. The highest version of a
-- kind is the map in force. (kind, version) as primary key: two changes based on the same version
-- cannot both be stored.
CREATE TABLE shard_map_versions (
  kind       VARCHAR(8)  NOT NULL,
  version    BIGINT      NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (kind, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A version's ranges of the keyspace, [range_start, range_end) in 16 hex digits (the keyspace id is
-- an unsigned 64-bit number); range_end NULL is the end of the keyspace.
CREATE TABLE shard_map_ranges (
  kind        VARCHAR(8)  NOT NULL,
  version     BIGINT      NOT NULL,
  range_start CHAR(16)    NOT NULL,
  range_end   CHAR(16)    NULL,
  shard_id    VARCHAR(64) NOT NULL,
  PRIMARY KEY (kind, version, range_start, shard_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A version's per-account overrides (an account pinned to a shard whatever its range).
CREATE TABLE shard_map_overrides (
  kind        VARCHAR(8)  NOT NULL,
  version     BIGINT      NOT NULL,
  account_sid CHAR(34)    NOT NULL,
  shard_id    VARCHAR(64) NOT NULL,
  PRIMARY KEY (kind, version, account_sid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
