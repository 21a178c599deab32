package io.flightdeck.record;

import java.util.List;

/**
 * A page of an account's calls from one store, newest first by (date created, Sid) descending. The
 * internal list APIs of inflight-service and postflight-service both answer in this shape; the next
 * page starts strictly after the last record.
 */
public record CallPage(List<CallRecord> records) {}
