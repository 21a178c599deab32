package io.flightdeck.copies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private final DeadLetter letter =
      new DeadLetter("records.completed", 2, "41", "invalid", "missing field 'to'");

  @Test
  void carriesSmallRyesFiveDeadLetterHeadersInTheirOrder() {
    assertThat(letter.headers())
        .containsExactly(
            entry("dead-letter-reason", "missing field 'to'"),
            entry("dead-letter-cause", "invalid"),
            entry("dead-letter-topic", "records.completed"),
            entry("dead-letter-partition", "2"),
            entry("dead-letter-offset", "41"));
  }

  @Test
  void namesItsSourceForALogLine() {
    assertThat(letter.source()).isEqualTo("records.completed-2@41");
  }

  private static java.util.Map.Entry<String, String> entry(String name, String value) {
    return java.util.Map.entry(name, value);
  }
}
