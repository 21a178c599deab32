-- Whether each replica serves reads (out, catching-up, serving; see ServingState), by shard and
-- server name: kept apart from shard_servers, whose rows a topology change or a pivot rewrites, so
-- the state stays with the server; those changes reset the state of a server whose place changed.
-- A replica without a row is out. changed_at (control database clock) dates the last move, from
-- which the notice before serving is counted.
CREATE TABLE replica_states (
  shard_id   VARCHAR(64) NOT NULL,
  name       VARCHAR(64) NOT NULL,
  state      VARCHAR(16) NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (shard_id, name)
);
