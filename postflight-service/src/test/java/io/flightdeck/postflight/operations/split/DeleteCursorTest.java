package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The deletion's cursor survives as the step's progress text, and only its own text parses. */
class DeleteCursorTest {
  private final Split split = new Split("shard-1", "shard-2", List.of(), List.of("AC1"));

  @Test
  void aCursorReadsBackFromTheProgressItWrote() {
    DeleteCursor cursor =
        DeleteCursor.START.after(4_000, 700).nextTable().nextTable().after(5_321, 9);
    assertThat(cursor.text(split))
        .isEqualTo(
            "rows deleted: source shard-1 700, target shard-2 9; next: target calls after id 5321");
    assertThat(DeleteCursor.parse(cursor.text(split))).contains(cursor);
  }

  @Test
  void theLastTableFinishedIsDone() {
    DeleteCursor done = DeleteCursor.START.nextTable().nextTable().nextTable().nextTable();
    assertThat(done.done()).isTrue();
    assertThat(done.text(split)).endsWith("; done");
    assertThat(DeleteCursor.parse(done.text(split))).contains(done);
  }

  @Test
  void anyOtherProgressStartsFromTheBeginning() {
    assertThat(DeleteCursor.parse(null)).isEmpty();
    assertThat(DeleteCursor.parse("dry run: would delete")).isEmpty();
    assertThat(
            DeleteCursor.parse(
                "rows deleted: source a 1, target b 2; next: target nothing after id 3"))
        .isEmpty();
  }
}
