package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import java.time.Instant;

/**
 * A call as the benchmark's producers create it: outbound from one number of the producer's account
 * to a varying one, like a dialer's.
 *
 * @param accountSid the producer's account
 * @param from the caller
 * @param to the callee
 */
record BenchmarkCall(String accountSid, String from, String to) {

  static BenchmarkCall number(String accountSid, int index) {
    return new BenchmarkCall(accountSid, "+14155550100", "+1415%07d".formatted(index % 10_000_000));
  }

  /** The body of {@code POST /internal/v1/Accounts/{AccountSid}/Calls}. */
  String createJson() {
    return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
  }

  /** The record inflight-service makes of {@link #createJson()}: queued, version 1. */
  CallRecord queued(String sid, Instant now) {
    return new CallRecord(
        sid,
        accountSid,
        null,
        CallStatus.QUEUED,
        "outbound-api",
        from,
        to,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        now,
        now,
        1);
  }
}
