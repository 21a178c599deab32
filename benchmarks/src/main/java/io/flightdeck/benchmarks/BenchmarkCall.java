package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * {@code count} calls of the account as inflight-service creates them (queued, version 1), each
   * with a fresh Sid, the rows a direct phase starts from.
   */
  static List<CallRecord> queuedCalls(String accountSid, int count, Instant now) {
    List<CallRecord> calls = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      calls.add(number(accountSid, i).queued(Sid.mint(SidKind.CALL).value(), now));
    }
    return calls;
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
