package io.flightdeck.aggregator.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.record.ListPosition;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FullPagesTest {
  private static final Instant T0 = Instant.parse("2026-02-03T10:00:00Z");

  /**
   * A store of ten entries, newest first; those named in {@code skippedAt} are skipped when read.
   */
  private static FullPages.Read<String> store(
      List<Integer> skippedAt, List<Optional<ListPosition>> asked) {
    return (after, limit) -> {
      asked.add(after);
      int from =
          after
              .map(p -> 11 - (int) (p.dateCreated().getEpochSecond() - T0.getEpochSecond()))
              .orElse(0);
      List<FullPages.Entry<String>> entries = new ArrayList<>();
      for (int i = from; i < Math.min(10, from + limit); i++) {
        ListPosition position = new ListPosition(T0.plusSeconds(10 - i), "CA" + i);
        entries.add(
            new FullPages.Entry<>(
                skippedAt.contains(i) ? Optional.empty() : Optional.of("r" + i),
                Optional.of(position)));
      }
      return Uni.createFrom().item(entries);
    };
  }

  @Test
  void skippedEntriesAreMadeUpForByReadingOnSoTheAnswerIsFullWhereTheStoreHasMore() {
    List<Optional<ListPosition>> asked = new ArrayList<>();
    List<String> read =
        FullPages.read(store(List.of(1, 3, 4), asked), Optional.empty(), 4).await().indefinitely();

    assertThat(read).containsExactly("r0", "r2", "r5", "r6");
    assertThat(asked).hasSize(3);
  }

  @Test
  void anAnswerIsShortOnlyWhereTheStoreEnds() {
    List<String> read =
        FullPages.read(store(List.of(8, 9), new ArrayList<>()), Optional.empty(), 20)
            .await()
            .indefinitely();

    assertThat(read).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
  }

  @Test
  void nothingFollowsAnEntryWithoutAPlaceInTheList() {
    FullPages.Read<String> store =
        (after, limit) ->
            Uni.createFrom()
                .item(
                    List.of(
                        new FullPages.Entry<>(
                            Optional.of("r0"), Optional.of(new ListPosition(T0, "CA0"))),
                        new FullPages.Entry<>(
                            Optional.<String>empty(), Optional.<ListPosition>empty())));

    assertThat(FullPages.read(store, Optional.empty(), 2).await().indefinitely())
        .containsExactly("r0");
  }
}
