package io.flightdeck.postflight.operations.migration;

import java.time.LocalDateTime;

/**
 * One account of a migration as stored ({@code migration_accounts}): how far each step got. Times
 * of the legacy server's clock are UTC wall-clock times, like every DATETIME here.
 */
record AccountState(
    String account,
    String step,
    FlagStates.Paths flags,
    long backfillPosition,
    long rowsCopied,
    LocalDateTime backfillStartedAt,
    LocalDateTime drainStartedAt,
    long rowsVerified,
    String mismatches,
    Long captureRows,
    LocalDateTime captureOldest,
    LocalDateTime watchStartedAt,
    long watchCompared,
    long watchDiffering,
    LocalDateTime rolledBackAt,
    String note) {}
