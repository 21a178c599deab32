package io.flightdeck.postflight.partitions;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The partitions of one table on one shard, in order of their bounds. */
public record TableLayout(String table, List<Partition> partitions) {

  public TableLayout {
    partitions = List.copyOf(partitions);
  }

  /** The last month with a partition of its own: the one just below the highest finite bound. */
  public Optional<YearMonth> lastMonth() {
    return partitions.stream()
        .flatMap(p -> p.lessThan().stream())
        .max(Comparable::compareTo)
        .map(bound -> YearMonth.from(bound).minusMonths(1));
  }

  /** The catch-all partition after the last month ({@code MAXVALUE}), if the table has one. */
  public Optional<Partition> future() {
    return partitions.stream().filter(Partition::isFuture).findFirst();
  }

  /** Months with a partition after {@code today}'s (negative when even today's is missing). */
  public long monthsAhead(YearMonth today) {
    return lastMonth()
        .map(last -> today.until(last, java.time.temporal.ChronoUnit.MONTHS))
        .orElse(Long.MIN_VALUE);
  }

  /**
   * The months after the last one, up to and including {@code through}; empty when it is covered.
   */
  public List<YearMonth> missingThrough(YearMonth through) {
    List<YearMonth> missing = new ArrayList<>();
    Optional<YearMonth> last = lastMonth();
    if (last.isEmpty()) {
      return missing;
    }
    for (YearMonth month = last.get().plusMonths(1);
        !month.isAfter(through);
        month = month.plusMonths(1)) {
      missing.add(month);
    }
    return missing;
  }

  /**
   * The partitions whose rows were all created before {@code month}: what a retirement before it
   * drops.
   */
  public List<Partition> endingBy(YearMonth month) {
    return partitions.stream().filter(p -> p.endsBy(month)).toList();
  }
}
