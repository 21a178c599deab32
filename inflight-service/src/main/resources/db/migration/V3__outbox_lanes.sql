-- Per-account order with several relay instances: every account's events go to one of 16 lanes
-- (OutboxEvent.laneOf), and a relay publishes a lane only while it holds that lane's row here
-- (SELECT ... FOR UPDATE SKIP LOCKED): one lane, one publisher at a time, in id order. Instances
-- share the lanes between them; an account never has two publishers.
ALTER TABLE outbox
  ADD COLUMN lane SMALLINT NOT NULL DEFAULT 0 AFTER id,
  ADD INDEX outbox_by_lane (lane, id);

CREATE TABLE outbox_lane (
  lane SMALLINT NOT NULL,
  PRIMARY KEY (lane)
) ENGINE = InnoDB;

INSERT INTO outbox_lane (lane) VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15);
