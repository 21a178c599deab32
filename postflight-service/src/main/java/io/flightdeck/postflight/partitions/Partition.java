package io.flightdeck.postflight.partitions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One partition of a post-flight table, as the shard describes it: its name, its upper bound on
 * {@code date_created} (exclusive; empty for {@code MAXVALUE}, the catch-all {@code p_future}) and
 * the server's estimate of its rows (InnoDB's statistics: approximate, cheap).
 *
 * <p>Month partitions are named {@code pYYYYMM} and hold that month; {@code p_before} holds what is
 * older than the first month, {@code p_future} what is newer than the last. A partition holds
 * everything from the bound of the one before it, so after a retirement the oldest partition left
 * also holds anything older (see the README).
 */
public record Partition(String name, Optional<LocalDate> lessThan, long estimatedRows) {
  private static final Pattern MONTH = Pattern.compile("p\\d{6}");
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'p'yyyyMM");

  /** The partition of a month: {@code p202801}, less than 2028-02-01. */
  public static Partition of(YearMonth month) {
    return new Partition(nameOf(month), Optional.of(month.plusMonths(1).atDay(1)), 0);
  }

  public static String nameOf(YearMonth month) {
    return NAME.format(month);
  }

  /** The month this partition holds, if it is a month partition. */
  public Optional<YearMonth> month() {
    return MONTH.matcher(name).matches()
        ? Optional.of(YearMonth.parse(name.substring(1), DateTimeFormatter.ofPattern("yyyyMM")))
        : Optional.empty();
  }

  /** Whether this is the catch-all for everything after the last month ({@code MAXVALUE}). */
  public boolean isFuture() {
    return lessThan.isEmpty();
  }

  /** Whether every row it can hold was created before {@code month} began. */
  public boolean endsBy(YearMonth month) {
    return lessThan.map(bound -> !bound.isAfter(month.atDay(1))).orElse(false);
  }

  /** Its definition in a {@code PARTITION BY RANGE COLUMNS (date_created)} clause. */
  String definition() {
    return "PARTITION "
        + name
        + " VALUES LESS THAN ("
        + lessThan.map(d -> "'" + d + "'").orElse("MAXVALUE")
        + ")";
  }
}
