package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The status of one of postflight-service's admin operations (a split, a pivot), as its status
 * resource answers it: the outcome, and when each named step started and ended.
 */
record OperationStatus(JsonNode body) {
  private static final List<String> FINAL = List.of("completed", "failed", "cancelled");

  /**
   * Polls the operation's status resource until nothing more will happen.
   *
   * @param path e.g. {@code /admin/v1/ShardSplits/{id}}
   * @param progress whether to print each new summary (a long operation's progress lines)
   */
  static OperationStatus awaitFinished(
      ServiceClient admin, String path, Duration timeout, Duration poll, boolean progress)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String said = "";
    while (System.nanoTime() < deadline) {
      OperationStatus status = new OperationStatus(admin.get(path));
      String summary = status.body.path("summary").asText();
      if (progress && !summary.equals(said)) {
        System.out.printf("  %s: %s%n", status.status(), summary);
        said = summary;
      }
      if (FINAL.contains(status.status())) {
        return status;
      }
      Thread.sleep(poll.toMillis());
    }
    throw new IllegalStateException(path + " did not finish within " + timeout);
  }

  String status() {
    return body.path("status").asText();
  }

  boolean completed() {
    return status().equals("completed");
  }

  JsonNode steps() {
    return body.path("steps");
  }

  /** A step's {@code started_at} or {@code ended_at}. */
  Instant stepTime(String step, String field) {
    for (JsonNode s : steps()) {
      if (s.path("name").asText().equals(step)) {
        return Instant.parse(s.path(field).asText());
      }
    }
    throw new IllegalStateException("no step " + step + " in " + body);
  }

  long stepMillis(String step) {
    return Duration.between(stepTime(step, "started_at"), stepTime(step, "ended_at")).toMillis();
  }

  @Override
  public String toString() {
    return body.toPrettyString();
  }
}
