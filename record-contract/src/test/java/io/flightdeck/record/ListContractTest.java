package io.flightdeck.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListContractTest {
  private static final String CALL = "CA" + "0123456789abcdef".repeat(2);

  @Test
  void anAbsentPageSizeIsTheDefaultAndEveryWholeNumberInRangeIsItself() {
    assertThat(PageSize.parse(null)).isEqualTo(50);
    assertThat(PageSize.parse("1")).isEqualTo(PageSize.MIN);
    assertThat(PageSize.parse(" 1000 ")).isEqualTo(PageSize.MAX);
  }

  @Test
  void aPageSizeOutOfRangeOrNotAWholeNumberIsRefusedNamingIt() {
    for (String bad : new String[] {"0", "1001", "-1", "ten", "1.5", "", " ", "99999999999"}) {
      assertThatThrownBy(() -> PageSize.parse(bad))
          .isInstanceOfSatisfying(
              InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("PageSize"))
          .hasMessage("PageSize must be a whole number from 1 to 1000, got '" + bad + "'");
    }
  }

  @Test
  void aStoreReadTakesOneRecordMoreThanTheLargestPageAndNoMore() {
    assertThat(PageSize.parseStoreRead(null)).isEqualTo(50);
    assertThat(PageSize.parseStoreRead("1001")).isEqualTo(PageSize.MAX + 1);
    assertThatThrownBy(() -> PageSize.parseStoreRead("1002"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("PageSize"))
        .hasMessage("PageSize must be a whole number from 1 to 1001, got '1002'");
  }

  @Test
  void aPositionIsBothParametersOrNeither() {
    Instant at = Instant.parse("2026-01-31T00:00:00.123456Z");

    assertThat(ListPosition.parse(null, null, SidKind.CALL)).isEmpty();
    assertThat(ListPosition.parse(at.toString(), CALL, SidKind.CALL))
        .isEqualTo(Optional.of(new ListPosition(at, CALL)));
    assertThatThrownBy(() -> ListPosition.parse(at.toString(), null, SidKind.CALL))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("AfterSid"));
    assertThatThrownBy(() -> ListPosition.parse("yesterday", CALL, SidKind.CALL))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("AfterDateCreated"));
    assertThatThrownBy(
            () -> ListPosition.parse(at.toString(), "MM" + CALL.substring(2), SidKind.CALL))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("AfterSid"));
  }
}
