package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An operator of postflight-service's admin API ({@code /admin/v1/...}), with the stack's
 * development admin token. Answers are read as JSON; an answer that is not 2xx is a {@link Refused}
 * carrying the API error body's message.
 */
final class PostflightAdmin {

  private final String url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  PostflightAdmin(String url) {
    this.url = url;
  }

  /**
   * A 4xx or 5xx from the service: its status, the message of its error body, and the whole body (a
   * pivot's 409 lists its failed checks there).
   */
  static final class Refused extends RuntimeException {
    final int status;
    final transient JsonNode body;

    Refused(int status, String message, JsonNode body) {
      super(message);
      this.status = status;
      this.body = body;
    }
  }

  /** The service did not answer at all (down, restarting, or no such port). */
  static final class Unreachable extends IllegalStateException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  String url() {
    return url;
  }

  JsonNode get(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode put(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .header("Authorization", "Bearer " + LocalStack.DEV_ADMIN_TOKEN)
        .header("Accept", "application/json")
        .timeout(Duration.ofMinutes(2));
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    HttpResponse<String> answer;
    try {
      answer = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unreachable(
          "cannot reach postflight-service at "
              + url
              + " ("
              + e
              + "); is the stack up? 'deploy/flightdeck up' starts it",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    JsonNode body;
    try {
      body = json.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          built.method()
              + " "
              + built.uri()
              + " answered "
              + answer.statusCode()
              + " with a body that is not JSON: "
              + answer.body(),
          e);
    }
    if (answer.statusCode() >= 400) {
      throw new Refused(answer.statusCode(), body.path("message").asText(answer.body()), body);
    }
    return body;
  }
}
