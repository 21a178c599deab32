package io.flightdeck.postflight.operations.migration;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.operations.OperationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A migration as {@code GET /admin/v1/Migrations/{id}} shows it: the operation's status (state,
 * steps, stop reason), and per account its step, rows copied and verified, mismatches, capture lag
 * and the flags as the migration last set them.
 */
public record MigrationStatus(
    @JsonUnwrapped OperationStatus operation, List<AccountProgress> accounts) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One account's progress. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AccountProgress(
      String accountSid,
      String step,
      long rowsCopied,
      long rowsVerified,
      List<RecordDifference> mismatches,
      CaptureLag captureLag,
      Flags flags,
      Watched watch,
      boolean rolledBack,
      String note) {}

  /** The rows the catch-up's last pass found to copy, and the age of the oldest (seconds). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CaptureLag(Long rows, Long oldestAgeSeconds) {}

  /** The account's flags as this migration last set them (and checks Unleash against). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Flags(String writePath, String readPath) {}

  /** What the watch compared so far. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Watched(Instant startedAt, long compared, long differing) {}

  static MigrationStatus of(OperationStatus operation, List<AccountState> states) {
    return new MigrationStatus(operation, states.stream().map(MigrationStatus::progress).toList());
  }

  private static AccountProgress progress(AccountState s) {
    Long age =
        MigrationAccounts.instant(s.captureOldest())
            .map(t -> Duration.between(t, Instant.now()).toSeconds())
            .orElse(null);
    return new AccountProgress(
        s.account(),
        s.rolledBackAt() != null ? "rolled back" : s.step(),
        s.rowsCopied(),
        s.rowsVerified(),
        mismatches(s.mismatches()),
        new CaptureLag(s.captureRows(), age),
        new Flags(s.flags().write(), s.flags().read()),
        new Watched(
            MigrationAccounts.instant(s.watchStartedAt()).orElse(null),
            s.watchCompared(),
            s.watchDiffering()),
        s.rolledBackAt() != null,
        s.note());
  }

  private static List<RecordDifference> mismatches(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<RecordDifference>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable mismatches: " + json, e);
    }
  }
}
