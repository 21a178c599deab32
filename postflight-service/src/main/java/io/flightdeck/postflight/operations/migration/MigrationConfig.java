package io.flightdeck.postflight.operations.migration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a migration from the legacy store runs ({@code flightdeck.postflight.migration.*}). */
@ConfigMapping(prefix = "flightdeck.postflight.migration")
public interface MigrationConfig {
  /** Legacy rows read and upserted per chunk by the backfill and the catch-up. */
  @WithDefault("500")
  int chunk();

  /**
   * The backfill's ceiling in rows per second over all its accounts (the legacy server keeps
   * serving its accounts).
   */
  @WithDefault("5000")
  int rowsPerSecond();

  /**
   * How many accounts the backfill and verify work on at once: one account's chunks go one after
   * the other (its stored position), so several accounts keep both servers and the service busy
   * while each waits for the other's answer.
   */
  @WithDefault("4")
  int accountsAtOnce();

  /**
   * How long a flag flip is given to reach every service (they fetch flags every 5 s in the stack)
   * before the next step relies on it.
   */
  @WithDefault("12s")
  Duration flagSettle();

  /** How long {@code drain} waits for the records born in legacy to finish before it stops. */
  @WithDefault("10m")
  Duration drainTimeout();

  /**
   * How far before the backfill's start the catch-up looks for changed rows: covers a write whose
   * {@code date_updated} was taken just before the start and committed just after it.
   */
  @WithDefault("10s")
  Duration captureMargin();

  /**
   * How long a record that differs between legacy and its shard is given before it counts as a
   * mismatch: its completion may be on its way through Kafka.
   */
  @WithDefault("5s")
  Duration verifySettle();

  /** How long {@code watch} compares the records that change while reads are served by split. */
  @WithDefault("5m")
  Duration watchWindow();

  /** The mismatch rate (differing / compared) past which {@code watch} rolls back by itself. */
  @WithDefault("0.01")
  double mismatchThreshold();
}
