package io.flightdeck.record;

import java.util.List;

/**
 * One page of an account's calls or messages from one store, in {@link ListPosition#ORDER}: the
 * body of the internal list APIs of inflight-service and postflight-service, {@code {"records":
 * [...]}}, at most {@link PageSize#MAX} records. The next page starts strictly after the last
 * record ({@link ListPosition#of}).
 */
public record RecordPage<R extends LifecycleRecord>(List<R> records) {}
