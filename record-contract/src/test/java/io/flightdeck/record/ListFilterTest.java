package io.flightdeck.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListFilterTest {
  private static final Instant MARCH_9 = Instant.parse("2024-03-09T00:00:00Z");
  private static final Instant MARCH_10 = Instant.parse("2024-03-10T00:00:00Z");

  @Test
  void aCallFilterTravelsAsInternalQueryParametersAndBack() {
    CallFilter filter =
        new CallFilter(
            Optional.of("+15551234567"),
            Optional.empty(),
            Optional.of("CA" + "a".repeat(32)),
            Optional.of(CallStatus.IN_PROGRESS),
            new TimeWindow(Optional.of(MARCH_9), Optional.of(MARCH_10)),
            TimeWindow.ALWAYS);

    Map<String, String> query = filter.toQuery();

    assertThat(query)
        .containsOnly(
            Map.entry("To", "+15551234567"),
            Map.entry("ParentCallSid", "CA" + "a".repeat(32)),
            Map.entry("Status", "in-progress"),
            Map.entry("StartTimeFrom", "2024-03-09T00:00:00Z"),
            Map.entry("StartTimeBefore", "2024-03-10T00:00:00Z"));
    assertThat(CallFilter.fromQuery(query::get)).isEqualTo(filter);
    assertThat(CallFilter.fromQuery(Map.<String, String>of()::get).isNone()).isTrue();
  }

  @Test
  void aWindowIncludesItsStartAndExcludesItsEnd() {
    TimeWindow day = new TimeWindow(Optional.of(MARCH_9), Optional.of(MARCH_10));

    assertThat(day.contains(MARCH_9)).isTrue();
    assertThat(day.contains(MARCH_10.minusNanos(1000))).isTrue();
    assertThat(day.contains(MARCH_10)).isFalse();
    assertThat(day.contains(null)).as("a call that never started did not start that day").isFalse();
    assertThat(TimeWindow.ALWAYS.contains(null)).isTrue();
  }

  @Test
  void malformedInternalParametersAreNamed() {
    assertThatThrownBy(() -> CallFilter.fromQuery(Map.of("Status", "done")::get))
        .isInstanceOf(InvalidFieldException.class)
        .extracting(e -> ((InvalidFieldException) e).field())
        .isEqualTo("Status");
    assertThatThrownBy(() -> MessageFilter.fromQuery(Map.of("DateSentFrom", "2024-03-09")::get))
        .isInstanceOf(InvalidFieldException.class)
        .extracting(e -> ((InvalidFieldException) e).field())
        .isEqualTo("DateSentFrom");
    assertThatThrownBy(
            () -> CallFilter.fromQuery(Map.of("ParentCallSid", "SM" + "a".repeat(32))::get))
        .isInstanceOf(InvalidFieldException.class)
        .extracting(e -> ((InvalidFieldException) e).field())
        .isEqualTo("ParentCallSid");
  }
}
