package io.flightdeck.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.record.Lifecycle.Decision;
import io.flightdeck.record.LifecycleFixtures.Expected;
import io.flightdeck.record.LifecycleFixtures.Move;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle tables decide every pair of statuses as the written specification says. */
class LifecycleSpecificationTest {

  static Stream<Move> everyMove() {
    List<Move> moves = LifecycleFixtures.everyMove();
    assertThat(moves).hasSize(9 * 9 + 13 * 13);
    return moves.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyMove")
  void theTableDecidesAsSpecified(Move move) {
    Decision decision =
        switch (move.kind()) {
          case CALL ->
              CallStatus.LIFECYCLE.decide(
                  CallStatus.parse(move.from()), CallStatus.parse(move.to()));
          case MESSAGE ->
              MessageStatus.LIFECYCLE.decide(
                  MessageStatus.parse(move.from()), MessageStatus.parse(move.to()));
        };
    Class<? extends Decision> expected =
        switch (move.expected()) {
          case APPLIED -> Decision.Apply.class;
          case NO_OP -> Decision.AlreadyThere.class;
          case REFUSED -> Decision.Refused.class;
        };
    assertThat(decision).isInstanceOf(expected);
    boolean terminal =
        move.kind() == RecordKind.CALL
            ? CallStatus.parse(move.from()).terminal()
            : MessageStatus.parse(move.from()).terminal();
    if (terminal && move.expected() != Expected.NO_OP) {
      assertThat(move.expected()).as("terminal is final").isEqualTo(Expected.REFUSED);
    }
  }
}
