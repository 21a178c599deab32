package io.flightdeck.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Published on {@link Topics#RECORDS_PERSISTED} once a record version is committed post-flight and
 * visible to readers; inflight-service deletes its copy only then, and only that account's record
 * at that version.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordPersisted(String accountSid, String sid, long version) {}
