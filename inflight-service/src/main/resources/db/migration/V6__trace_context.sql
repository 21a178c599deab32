-- One record's life is one trace (README, "Traces"): the create's W3C trace context (traceparent,
-- 55 characters) is kept on the live row, copied into the outbox row by the terminal transition's
-- own INSERT, and published by the relay as the Kafka record's parent, however much later and from
-- whichever instance. NULL when tracing is off, or the create carried no context. Nullable columns
-- added last are instant on MariaDB: no table copy.
ALTER TABLE live_record ADD COLUMN traceparent VARCHAR(55) NULL;
ALTER TABLE outbox ADD COLUMN traceparent VARCHAR(55) NULL;
