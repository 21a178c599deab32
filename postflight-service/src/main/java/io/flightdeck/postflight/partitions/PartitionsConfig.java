package io.flightdeck.postflight.partitions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The life of a month on the shards: how many months the partition keeper keeps ahead, and how long
 * months are kept before they may be retired (see the README's "Partitions: the life of a month").
 */
@ConfigMapping(prefix = "flightdeck.postflight")
public interface PartitionsConfig {
  /**
   * Months of records kept, counting back from the current month (UTC): with 12 in May 2026, every
   * month from May 2025 on is kept, and a retirement may drop April 2025 and older, never newer.
   * Unset (the default): no such floor, any past month may be retired. Nothing is ever dropped
   * unless an operator starts a retirement. At least 1.
   */
  OptionalInt retention();

  /** The partition keeper ({@code flightdeck.postflight.partitions.*}). */
  Keeper partitions();

  /** How the partition keeper keeps future months on every shard. */
  interface Keeper {
    /**
     * Future months each table has a partition for, after the current month, at least. A record is
     * written in its creation month, so with a margin of months an outage of the keeper is harmless
     * for as long; without any, records would land in {@code p_future}, which holds everything
     * later than the last month and is costly to split once it has rows.
     */
    @WithDefault("3")
    int monthsAhead();

    /**
     * How often the keeper looks at every shard of the catalogue (and once shortly after start-up).
     */
    @WithDefault("10m")
    Duration checkInterval();

    /**
     * How long the keeper's lease lasts: one instance of all acts at a time; if it dies mid-run,
     * another may act after this long.
     */
    @WithDefault("10m")
    Duration lease();
  }

  /**
   * The oldest month the retention keeps, for a current month; empty when there is no retention.
   */
  default Optional<YearMonth> oldestKept(YearMonth today) {
    OptionalInt months = retention();
    if (months.isEmpty()) {
      return Optional.empty();
    }
    if (months.getAsInt() < 1) {
      throw new IllegalStateException(
          "flightdeck.postflight.retention must be at least 1 month, got " + months.getAsInt());
    }
    return Optional.of(today.minusMonths(months.getAsInt()));
  }
}
