package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A blocking JSON client of one service (the JDK's HTTP/1.1 client, keep-alive), optionally with an
 * {@code Authorization} header on every request. An answer other than the expected status is an
 * exception naming the request and the answer. Thread-safe.
 */
final class ServiceClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final String baseUrl;
  private final Optional<String> authorization;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ServiceClient(String baseUrl, Optional<String> authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  /** A client of the service's {@code /admin/**} API, with the development operator's token. */
  static ServiceClient operator(String baseUrl) {
    return new ServiceClient(baseUrl, Optional.of("Bearer " + LocalStack.DEV_ADMIN_TOKEN));
  }

  /** A client of inflight-service's {@code /internal/**} API, with the development producer's. */
  static ServiceClient producer(String baseUrl) {
    return new ServiceClient(baseUrl, Optional.of("Bearer " + LocalStack.DEV_PRODUCER_TOKEN));
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), 200);
  }

  JsonNode postJson(String path, String body, int expected)
      throws IOException, InterruptedException {
    return send(json("POST", path, body), expected);
  }

  /** What a request got back, whatever its status: a load counts refusals, it does not stop. */
  record Answer(int status, byte[] body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** A JSON POST answered with any status; only a request that got no answer throws. */
  Answer post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(toSend(json("POST", path, body)), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.body());
  }

  JsonNode putJson(String path, String body, int expected)
      throws IOException, InterruptedException {
    return send(json("PUT", path, body), expected);
  }

  /** A request with a JSON body, not yet authorized nor timed. */
  private HttpRequest.Builder json(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  /** The request as sent: with this client's authorization, if any, and its patience. */
  private HttpRequest toSend(HttpRequest.Builder request) {
    authorization.ifPresent(value -> request.header("Authorization", value));
    return request.timeout(PATIENCE).build();
  }

  private JsonNode send(HttpRequest.Builder request, int expected)
      throws IOException, InterruptedException {
    HttpRequest built = toSend(request);
    HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          built.method()
              + " "
              + built.uri()
              + " answered "
              + response.statusCode()
              + " "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(response.body());
  }
}
