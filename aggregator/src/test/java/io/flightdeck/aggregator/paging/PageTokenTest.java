package io.flightdeck.aggregator.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.ListPosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageTokenTest {
  private final PageToken tokens = new PageToken("test-secret");
  private final ListPosition position =
      new ListPosition(Instant.parse("2026-11-23T12:00:00.123456Z"), "CA" + "b".repeat(32));

  @Test
  void aTokenReadsBackAsItsPosition() {
    String token = tokens.after("AC1/Calls", position);
    assertThat(token).startsWith("PA");
    assertThat(tokens.read("AC1/Calls", token)).isEqualTo(position);
  }

  @Test
  void aChangedForgedOrForeignTokenIsRefused() {
    String token = tokens.after("AC1/Calls", position);
    char last = token.charAt(token.length() - 1);
    String changed = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThatThrownBy(() -> tokens.read("AC1/Calls", changed))
        .isInstanceOf(InvalidFieldException.class);
    assertThatThrownBy(() -> tokens.read("AC2/Calls", token))
        .isInstanceOf(InvalidFieldException.class);
    assertThatThrownBy(() -> new PageToken("other-secret").read("AC1/Calls", token))
        .isInstanceOf(InvalidFieldException.class);
    for (String garbage :
        new String[] {
          "", "PA", "PA.", "PAxyz", "PB" + token.substring(2), "PA!!!.???", "x".repeat(5000)
        }) {
      assertThatThrownBy(() -> tokens.read("AC1/Calls", garbage))
          .isInstanceOf(InvalidFieldException.class);
    }
  }
}
