-- A relay now holds a lane by a named lock (GET_LOCK, see OutboxRelay) rather than by a row lock on
-- outbox_lane inside a transaction that stayed open while it waited for Kafka. The lane count is
-- then defined in one place, OutboxEvent.LANES, and this table has no use. An instance of an older
-- version still running fails to read it from now on and publishes nothing: it can never publish a
-- lane beside a relay of this version.
DROP TABLE outbox_lane;
