package io.flightdeck.aggregator.stores;

import io.flightdeck.record.ListPosition;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads a store's list so that skipped records ({@link SkippedRecords}) do not shorten it: after a
 * read that skipped some and came back full, as many again are read after its last entry. A list is
 * then short only where the store's records end, which is what the merge and every reader take a
 * short answer to mean.
 */
final class FullPages {
  private FullPages() {}

  /**
   * One entry of a store's answer: its record, unless skipped, and its place in the list order, if
   * it has one.
   */
  record Entry<R>(Optional<R> record, Optional<ListPosition> position) {}

  /** One read of the store: up to {@code limit} entries after the position, in list order. */
  interface Read<R> extends BiFunction<Optional<ListPosition>, Integer, Uni<List<Entry<R>>>> {}

  /** Up to {@code limit} records after {@code after}: fewer only when the store has no more. */
  static <R> Uni<List<R>> read(Read<R> read, Optional<ListPosition> after, int limit) {
    return read(read, after, limit, new ArrayList<>());
  }

  private static <R> Uni<List<R>> read(
      Read<R> read, Optional<ListPosition> after, int limit, List<R> records) {
    return read.apply(after, limit)
        .flatMap(
            entries -> {
              long skipped = entries.stream().filter(e -> e.record().isEmpty()).count();
              entries.forEach(e -> e.record().ifPresent(records::add));
              Optional<ListPosition> last =
                  entries.isEmpty() ? Optional.empty() : entries.get(entries.size() - 1).position();
              // An entry without a place (no date created) sorts last: nothing readable follows it.
              if (skipped == 0 || entries.size() < limit || last.isEmpty()) {
                return Uni.createFrom().item(records);
              }
              return read(read, last, (int) skipped, records);
            });
  }
}
