package io.flightdeck.aggregator.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.TimeWindow;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListFiltersTest {
  private static final Instant MARCH_9 = Instant.parse("2024-03-09T00:00:00Z");
  private static final Instant MARCH_10 = Instant.parse("2024-03-10T00:00:00Z");

  private static CallFilter calls(String rawQuery) {
    return ListFilters.calls(PublicQuery.parse(rawQuery));
  }

  private static TimeWindow window(Instant from, Instant before) {
    return new TimeWindow(Optional.ofNullable(from), Optional.ofNullable(before));
  }

  @Test
  void twilioJavasWireLineBecomesTheFilter() {
    CallFilter filter =
        calls(
            "Status=completed&StartTime%3E=2024-02-29T22%3A00%3A00&EndTime=2024-03-09T00%3A00%3A00&To=%2B15551234567");
    assertThat(filter.to()).contains("+15551234567");
    assertThat(filter.status()).contains(CallStatus.COMPLETED);
    assertThat(filter.startTime()).isEqualTo(window(Instant.parse("2024-02-29T22:00:00Z"), null));
    assertThat(filter.endTime())
        .as("equality: the whole UTC day")
        .isEqualTo(window(MARCH_9, MARCH_10));
  }

  @Test
  void aDayMeansFromItsMidnightAndBeforeMeansStrictlyBefore() {
    assertThat(calls("StartTime=2024-03-09").startTime()).isEqualTo(window(MARCH_9, MARCH_10));
    assertThat(calls("StartTime>=2024-03-09").startTime())
        .as("raw '>' as people type it")
        .isEqualTo(window(MARCH_9, null));
    assertThat(calls("StartTime<=2024-03-10").startTime()).isEqualTo(window(null, MARCH_10));
    assertThat(calls("StartTime%3C=2024-03-10&StartTime%3E=2024-03-09").startTime())
        .isEqualTo(window(MARCH_9, MARCH_10));
    assertThat(calls("StartTime%3E%3D=2024-03-09").startTime())
        .as("'>=' spelled out in the name")
        .isEqualTo(window(MARCH_9, null));
    assertThat(calls("EndTime=2024-03-09T17:30:00").endTime())
        .as("a time in an equality: its day")
        .isEqualTo(window(MARCH_9, MARCH_10));
    assertThat(calls("StartTime=2024-03-09&StartTime%3E=2024-03-09T12:00:00Z").startTime())
        .as("every bound holds")
        .isEqualTo(window(Instant.parse("2024-03-09T12:00:00Z"), MARCH_10));
  }

  @Test
  void lenientDateFormsAreRead() {
    Instant tenPast = Instant.parse("2024-03-09T10:00:00Z");
    for (String form :
        new String[] {
          "2024-03-09T10:00:00",
          "2024-03-09T10:00",
          "2024-03-09+10:00:00.000",
          "2024-03-09T10:00:00Z",
          "2024-03-09T12:00:00%2B02:00",
          "Sat,+09+Mar+2024+10:00:00+%2B0000",
          "Sat,+09+Mar+2024+10:00:00+GMT",
          "03/09/2024+10:00:00+UTC"
        }) {
      assertThat(calls("StartTime%3E=" + form).startTime())
          .as(form)
          .isEqualTo(window(tenPast, null));
    }
    assertThat(calls("StartTime%3E=03/09/2024").startTime()).isEqualTo(window(MARCH_9, null));
  }

  @Test
  void messagesFilterByRecipientSenderAndDateSent() {
    MessageFilter filter =
        ListFilters.messages(PublicQuery.parse("From=%2B1415&DateSent=2024-03-09&Status=sent"));
    assertThat(filter)
        .isEqualTo(
            new MessageFilter(Optional.empty(), Optional.of("+1415"), window(MARCH_9, MARCH_10)));
    assertThat(filter.toQuery()).containsOnlyKeys("From", "DateSentFrom", "DateSentBefore");
  }

  @Test
  void theFirstOfRepeatedParametersCountsAndEmptyOnesAreAbsent() {
    assertThat(calls("Status=busy&Status=completed&To=").status()).contains(CallStatus.BUSY);
    assertThat(calls("To=&From=").isNone()).isTrue();
  }

  @Test
  void badValuesAreRefusedNamingTheParameter() {
    assertField("Status=done", "Status");
    assertField("ParentCallSid=SM" + "a".repeat(32), "ParentCallSid");
    assertField("StartTime=yesterday", "StartTime");
    assertField("EndTime%3C=2024-02-30", "EndTime<");
    assertThatThrownBy(() -> calls("To=%zz")).isInstanceOf(BadRequestException.class);
  }

  @Test
  void filtersAreEncodedAgainInTheClientsOrderForPageUris() {
    PublicQuery query =
        PublicQuery.parse(
            "To=%2B1555&Foo=bar&StartTime>=2024-03-09&PageSize=2&EndTime%3C=2019-06-11+22%3A05%3A25.000");
    assertThat(query.encode(ListFilters.CALL_PARAMETERS))
        .isEqualTo("To=%2B1555&StartTime%3E=2024-03-09&EndTime%3C=2019-06-11+22%3A05%3A25.000");
  }

  private static void assertField(String query, String field) {
    assertThatThrownBy(() -> calls(query))
        .isInstanceOf(InvalidFieldException.class)
        .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field))
        .hasMessageContaining(field);
  }
}
