package io.flightdeck.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.record.Lifecycle.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @Test
  void forwardMovesAndSkipsAreApplied() {
    assertThat(CallStatus.LIFECYCLE.decide(CallStatus.QUEUED, CallStatus.RINGING))
        .isInstanceOf(Decision.Apply.class);
    assertThat(CallStatus.LIFECYCLE.decide(CallStatus.QUEUED, CallStatus.IN_PROGRESS))
        .isInstanceOf(Decision.Apply.class);
    assertThat(CallStatus.LIFECYCLE.decide(CallStatus.IN_PROGRESS, CallStatus.COMPLETED))
        .isInstanceOf(Decision.Apply.class);
  }

  @Test
  void repeatedTransitionIsANoOp() {
    assertThat(CallStatus.LIFECYCLE.decide(CallStatus.RINGING, CallStatus.RINGING))
        .isInstanceOf(Decision.AlreadyThere.class);
    assertThat(CallStatus.LIFECYCLE.decide(CallStatus.COMPLETED, CallStatus.COMPLETED))
        .isInstanceOf(Decision.AlreadyThere.class);
  }

  @Test
  void regressionIsRefusedNamingCurrentRequestedAndAllowed() {
    Decision decision = CallStatus.LIFECYCLE.decide(CallStatus.IN_PROGRESS, CallStatus.RINGING);
    assertThat(decision).isInstanceOf(Decision.Refused.class);
    assertThat(((Decision.Refused) decision).reason())
        .contains("'in-progress'", "'ringing'", "completed, failed");
  }

  @Test
  void terminalStatusesAreFinal() {
    for (CallStatus status : CallStatus.values()) {
      if (status.terminal()) {
        assertThat(CallStatus.LIFECYCLE.allowedFrom(status)).isEmpty();
      }
    }
    Decision decision = CallStatus.LIFECYCLE.decide(CallStatus.BUSY, CallStatus.COMPLETED);
    assertThat(((Decision.Refused) decision).reason()).contains("'busy' is terminal");
  }

  @Test
  void unknownStatusNamesTheStatusesThatExist() {
    assertThatThrownBy(() -> CallStatus.parse("done"))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("unknown status 'done'")
        .hasMessageContaining("in-progress");
    assertThat(CallStatus.parse("no-answer")).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(MessageStatus.parse("partially_delivered"))
        .isEqualTo(MessageStatus.PARTIALLY_DELIVERED);
  }

  @Test
  void sidsAreCheckedForShapeAndKind() {
    Sid minted = Sid.mint(SidKind.CALL);
    assertThat(minted.value()).startsWith("CA").hasSize(34);
    assertThat(Sid.parse(SidKind.CALL, "Sid", minted.value())).isEqualTo(minted);
    assertThatThrownBy(() -> Sid.parse(SidKind.CALL, "Sid", "AC" + minted.value().substring(2)))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("Sid must be a call Sid");
    assertThatThrownBy(() -> Sid.parse(SidKind.ACCOUNT, "AccountSid", "ACnothex"))
        .hasMessageContaining("AccountSid");
  }

  @Test
  void upperCaseHexIsRefusedSoEverySidHasOneSpelling() {
    assertThat(Sid.mint(SidKind.CALL).value().substring(2)).isLowerCase();
    assertThat(Sid.parse(SidKind.CALL, "Sid", "CA" + "abcdef0123456789".repeat(2)).value())
        .endsWith("abcdef0123456789");
    String shouted = "CA" + "ABCDEF0123456789".repeat(2);
    assertThatThrownBy(() -> Sid.parse(SidKind.CALL, "Sid", shouted))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage(
            "Sid must be a call Sid (CA followed by 32 lower-case hex digits), got '"
                + shouted
                + "'");
    assertThatThrownBy(() -> new Sid(SidKind.CALL, shouted))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSidIsExactlyTwoCapitalsAnd32LowerCaseHexDigits() {
    String hex = "0123456789abcdef".repeat(2);
    assertThat(Sid.parse(SidKind.CALL, "Sid", "CA" + hex).value()).isEqualTo("CA" + hex);
    for (String bad :
        List.of(
            "ca" + hex,
            "CA" + hex.substring(1),
            "CA" + hex + "0",
            "CA" + hex.substring(1) + "g",
            "CA" + hex.substring(1) + "\u00e9",
            "C1" + hex,
            "")) {
      assertThatThrownBy(() -> Sid.parse(SidKind.CALL, "Sid", bad))
          .as(bad)
          .isInstanceOf(InvalidFieldException.class);
    }
  }
}
