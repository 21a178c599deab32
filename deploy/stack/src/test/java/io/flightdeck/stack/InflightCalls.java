package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A telephony engine's view of inflight-service's internal Calls API (with the stack's producer
 * token), as the fault tests drive it: every request answers a {@link Reply}, also when the service
 * does not answer at all (it is down, killed or restarting, or takes longer than a producer waits),
 * so producer threads can count failures and retry. Thread-safe.
 */
final class InflightCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a producer waits for an answer. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  InflightCalls(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Creates the call {@code sid} (the producer brings its own Sid, and uses it as the
   * Idempotency-Key, so a retry after an unanswered create never makes a second call).
   */
  Reply create(String account, String sid) {
    String body =
        "{\"sid\": \"%s\", \"from\": \"+14155550100\", \"to\": \"+14155550101\"}".formatted(sid);
    return send(
        HttpRequest.newBuilder(URI.create(calls(account)))
            .header("Idempotency-Key", sid)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Creates a call whose Sid the platform mints, with no Idempotency-Key: it goes to any healthy
   * in-flight node (a retry could make a second call, so a producer sends it once).
   */
  Reply createMinted(String account) {
    return send(
        HttpRequest.newBuilder(URI.create(calls(account)))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}")));
  }

  /** Moves the call to {@code status}; a repeated move answers 200 with the record as it is. */
  Reply transition(String account, String sid, String status) {
    String body =
        "completed".equals(status)
            ? "{\"status\": \"completed\", \"duration\": \"42\"}"
            : "{\"status\": \"" + status + "\"}";
    return send(
        HttpRequest.newBuilder(URI.create(calls(account) + "/" + sid + "/Transitions"))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The live call as the service stores it. */
  Reply get(String account, String sid) {
    return send(HttpRequest.newBuilder(URI.create(calls(account) + "/" + sid)).GET());
  }

  /**
   * A page of the account's live calls, newest first ({@code records}); {@code after} is empty for
   * the first page, else the {@code AfterDateCreated=…&AfterSid=…} of the last call before it.
   */
  Reply list(String account, int pageSize, String after) {
    String query = "?PageSize=" + pageSize + (after.isEmpty() ? "" : "&" + after);
    return send(HttpRequest.newBuilder(URI.create(calls(account) + query)).GET());
  }

  /**
   * True when the service says it is ready ({@code /q/health/ready}: its store's schema is
   * current).
   */
  boolean ready() {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).GET()).code()
        == 200;
  }

  /**
   * How many completed-record events the service's Kafka producer failed to send so far ({@code
   * kafka_producer_record_error_total} of the {@code records-completed} producer in {@code
   * /q/metrics}).
   */
  double publishFailures() {
    return producerMetric("kafka_producer_record_error_total");
  }

  /**
   * How many completed-record events the service's Kafka producer has sent so far ({@code
   * kafka_producer_record_send_total}).
   */
  double published() {
    return producerMetric("kafka_producer_record_send_total");
  }

  private double producerMetric(String name) {
    Reply metrics = send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).GET());
    return metrics
        .body()
        .lines()
        .filter(line -> line.startsWith(name + "{") && line.contains("records-completed"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private String calls(String account) {
    return baseUrl + "/internal/v1/Accounts/" + account + "/Calls";
  }

  private Reply send(HttpRequest.Builder request) {
    return Reply.of(
        http,
        request
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + LocalStack.DEV_PRODUCER_TOKEN)
            .timeout(PATIENCE)
            .build());
  }

  /** An HTTP answer, or {@link #NO_ANSWER} with the client's error as the body. */
  record Reply(int code, String body) {
    static final int NO_ANSWER = 0;

    /** Sends the request and answers what came back, never an exception. */
    static Reply of(HttpClient http, HttpRequest request) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
      } catch (IOException e) {
        return new Reply(NO_ANSWER, e.getClass().getSimpleName() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Reply(NO_ANSWER, "interrupted");
      }
    }

    boolean accepted() {
      return code >= 200 && code < 300;
    }

    /** The record in a 2xx body (public field names plus {@code version}). */
    JsonNode record() {
      try {
        return accepted() ? JSON.readTree(body) : MissingNode.getInstance();
      } catch (IOException e) {
        throw new AssertionError("a 2xx answer that is not JSON: " + body, e);
      }
    }

    String status() {
      return record().path("status").asText();
    }

    long version() {
      return record().path("version").asLong();
    }

    @Override
    public String toString() {
      return (code == NO_ANSWER ? "no answer" : "HTTP " + code) + " " + body;
    }
  }
}
