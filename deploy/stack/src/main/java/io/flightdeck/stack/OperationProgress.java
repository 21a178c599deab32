package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows a long operation of postflight-service to its end (a retirement, a split, a pivot): polls
 * its status every second and prints each step's line when it changes.
 */
final class OperationProgress {
  private final PostflightAdmin admin;
  private final String path;
  private final String label;
  private boolean unreachable;

  /**
   * @param path the operation's collection, e.g. {@code /admin/v1/ShardSplits}
   * @param label what it is called in messages, e.g. {@code Split}
   */
  OperationProgress(PostflightAdmin admin, String path, String label) {
    this.admin = admin;
    this.path = path;
    this.label = label;
  }

  /**
   * @return 0 when the operation completed; 1 when it failed, was cancelled, or is still going
   *     after {@code timeout} (it goes on in postflight-service)
   */
  int follow(JsonNode status, Duration timeout, PrintStream out, PrintStream err)
      throws InterruptedException {
    String id = status.path("id").asText();
    Map<String, String> shown = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JsonNode step : status.path("steps")) {
        String line =
            String.format(
                "  %-18s %-9s %s",
                step.path("name").asText(),
                step.path("state").asText(),
                text(step.path("reason")).isEmpty()
                    ? text(step.path("progress"))
                    : text(step.path("reason")));
        if (!line.equals(shown.put(step.path("name").asText(), line))) {
          out.println(line);
        }
      }
      String state = status.path("status").asText();
      if (state.equals("completed") || state.equals("failed") || state.equals("cancelled")) {
        out.printf("%s %s: %s (%s)%n", label, id, state, status.path("summary").asText());
        return state.equals("completed") ? 0 : 1;
      }
      if (System.nanoTime() > deadline) {
        err.printf(
            "flightdeck: %s %s is still %s after %s (%s); it goes on in postflight-service:"
                + " curl -H 'Authorization: Bearer %s' %s%s/%s%n",
            label.toLowerCase(java.util.Locale.ROOT),
            id,
            state,
            timeout,
            status.path("summary").asText(),
            LocalStack.DEV_ADMIN_TOKEN,
            admin.url(),
            path,
            id);
        return 1;
      }
      Thread.sleep(1000);
      status = next(id, status, err);
    }
  }

  /**
   * The operation's status now; the last one seen while the service cannot answer (restarting, or
   * killed: the operation resumes when it is back, so following it goes on until the timeout).
   */
  private JsonNode next(String id, JsonNode last, PrintStream err) {
    try {
      JsonNode now = admin.get(path + "/" + id);
      if (unreachable) {
        err.printf("flightdeck: postflight-service answers again%n");
        unreachable = false;
      }
      return now;
    } catch (PostflightAdmin.Unreachable | PostflightAdmin.Refused e) {
      if (e instanceof PostflightAdmin.Refused refused && refused.status < 500) {
        throw refused;
      }
      if (!unreachable) {
        err.printf("flightdeck: %s; still following %s%n", e.getMessage(), id);
        unreachable = true;
      }
      return last;
    }
  }

  private static String text(JsonNode node) {
    return node.isNull() || node.isMissingNode() ? "" : node.asText();
  }
}
