package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyCursorTest {

  @Test
  void aCursorWrittenIntoTheProgressIsReadBackWhereItStopped() {
    CopyCursor cursor = CopyCursor.START.after(1200, 7).nextTable().after(42, 3);
    assertThat(cursor.text()).isEqualTo("rows copied back: 10; next: messages after id 42");
    assertThat(CopyCursor.parse(cursor.text())).contains(cursor);
  }

  @Test
  void aFinishedCopyIsReadBackAsFinished() {
    CopyCursor done = CopyCursor.START.nextTable().nextTable();
    assertThat(done.done()).isTrue();
    assertThat(CopyCursor.parse(done.text())).contains(new CopyCursor(2, 0, 0));
  }

  @Test
  void anyOtherProgressStartsFromTheFirstRow() {
    assertThat(CopyCursor.parse("waiting 3000 ms for ingest batches")).isEmpty();
    assertThat(CopyCursor.parse(null)).isEmpty();
    assertThat(
            CopyCursor.parse(
                "waiting 10 ms for ingest batches routed by the write map before version 4 to end;"
                    + " rows copied back: 0; next: calls after id 0"))
        .contains(CopyCursor.START);
  }
}
