package io.flightdeck.postflight.operations.pivot;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a shard can pivot now ({@code GET /admin/v1/Shards/{id}/PivotStatus}): every pre-check
 * with its outcome and reason.
 *
 * @param candidate the replica that would be promoted; null when the shard has none
 * @param ready whether every check passed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PivotStatus(
    String shard, String candidate, boolean force, boolean ready, List<PivotCheck> checks) {
  static PivotStatus of(String shard, String candidate, boolean force, List<PivotCheck> checks) {
    return new PivotStatus(
        shard, candidate, force, checks.stream().allMatch(PivotCheck::passed), checks);
  }

  /** The failed checks in words, each with its reason. */
  public String failures() {
    return checks.stream()
        .filter(c -> !c.passed())
        .map(c -> c.name() + ": " + c.reason())
        .collect(Collectors.joining("; "));
  }
}
