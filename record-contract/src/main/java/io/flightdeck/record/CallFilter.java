package io.flightdeck.record;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The filters of a call list (Twilio's {@code ListCall}): every present part must hold. The one
 * definition the aggregator, inflight-service and postflight-service share; on internal APIs it
 * travels as the query parameters {@code To}, {@code From}, {@code ParentCallSid}, {@code Status},
 * {@code StartTimeFrom}, {@code StartTimeBefore}, {@code EndTimeFrom}, {@code EndTimeBefore}
 * (instants in ISO-8601).
 */
public record CallFilter(
    Optional<String> to,
    Optional<String> from,
    Optional<String> parentCallSid,
    Optional<CallStatus> status,
    TimeWindow startTime,
    TimeWindow endTime) {
  public static final CallFilter NONE =
      new CallFilter(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          TimeWindow.ALWAYS,
          TimeWindow.ALWAYS);

  public boolean isNone() {
    return equals(NONE);
  }

  public boolean matches(CallRecord call) {
    return to.map(t -> t.equals(call.to())).orElse(true)
        && from.map(f -> f.equals(call.from())).orElse(true)
        && parentCallSid.map(p -> p.equals(call.parentCallSid())).orElse(true)
        && status.map(s -> s == call.status()).orElse(true)
        && startTime.contains(call.startTime())
        && endTime.contains(call.endTime());
  }

  /** The internal query parameters of this filter (absent parts are left out). */
  public Map<String, String> toQuery() {
    Map<String, String> query = TimeWindow.newQuery();
    to.ifPresent(v -> query.put("To", v));
    from.ifPresent(v -> query.put("From", v));
    parentCallSid.ifPresent(v -> query.put("ParentCallSid", v));
    status.ifPresent(v -> query.put("Status", v.wireName()));
    startTime.addTo(query, "StartTime");
    endTime.addTo(query, "EndTime");
    return query;
  }

  /**
   * Reads the internal query parameters; a malformed one is an {@link InvalidFieldException} naming
   * it.
   */
  public static CallFilter fromQuery(Function<String, String> query) {
    return new CallFilter(
        Optional.ofNullable(query.apply("To")),
        Optional.ofNullable(query.apply("From")),
        Optional.ofNullable(query.apply("ParentCallSid"))
            .map(s -> Sid.parse(SidKind.CALL, "ParentCallSid", s).value()),
        Optional.ofNullable(query.apply("Status"))
            .map(s -> Status.parse(CallStatus.class, "Status", s)),
        TimeWindow.read(query, "StartTime"),
        TimeWindow.read(query, "EndTime"));
  }
}
