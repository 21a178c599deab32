package io.flightdeck.inflight.lifecycle;

import static io.flightdeck.inflight.Producer.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class OversizedBodyIT {
  private static final String PRODUCER_TOKEN = "flightdeck-local-producer-token";

  @TestHTTPResource("/")
  URL root;

  @Test
  void aBodyOverTheLimitIsA413InTheErrorBodyAndCreatesNothing() {
    String account = Producer.newAccount();
    String huge =
        "{\"from\": \"+1\", \"to\": \"+2\", \"caller_name\": \"" + "x".repeat(100_000) + "\"}";
    given()
        .contentType(ContentType.JSON)
        .body(huge)
        .post(Producer.calls(account))
        .then()
        .statusCode(413)
        .body("status", equalTo(413))
        .body("message", containsString("too large"));
    given().get(Producer.calls(account)).then().statusCode(200).body("records.size()", equalTo(0));
  }

  @Test
  void aChunkedBodyOverTheLimitIsA413InTheErrorBodyAndCreatesNothing() throws Exception {
    String account = Producer.newAccount();
    String huge =
        "{\"from\": \"+1\", \"to\": \"+2\", \"caller_name\": \"" + "x".repeat(100_000) + "\"}";

    HttpResponse<String> response = postChunked(Producer.calls(account), huge);

    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode error = new ObjectMapper().readTree(response.body());
    assertThat(error.get("status").asInt()).isEqualTo(413);
    assertThat(error.get("message").asText()).contains("too large");
    given().get(Producer.calls(account)).then().statusCode(200).body("records.size()", equalTo(0));
  }

  @Test
  void aChunkedBodyWithinTheLimitIsReadAsAnyOther() throws Exception {
    String account = Producer.newAccount();

    HttpResponse<String> response =
        postChunked(
            Producer.calls(account), "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    given().get(Producer.calls(account)).then().statusCode(200).body("records.size()", equalTo(1));
  }

  /** A POST whose body is sent without a length, in chunks, as a streaming client sends it. */
  private HttpResponse<String> postChunked(String path, String body) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + PRODUCER_TOKEN)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
            .timeout(Duration.ofSeconds(30))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
