package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An operator of the local stack: creates accounts through the aggregator's admin API ({@code POST
 * /admin/v1/Accounts}) with the stack's development admin token, and checks an account's
 * credentials against the public API. Thread-safe.
 */
final class AdminAccounts {

  private final String aggregatorUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  AdminAccounts(String aggregatorUrl) {
    this.aggregatorUrl = aggregatorUrl;
  }

  /** An account and its auth token, the HTTP Basic credentials of Twilio's scheme. */
  record Account(String sid, String authToken) {

    /** The value of an {@code Authorization} header carrying these credentials. */
    String basicAuthorization() {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((sid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A new account; its auth token is shown this once. */
  Account create() {
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(URI.create(aggregatorUrl + "/admin/v1/Accounts"))
                .header("Authorization", "Bearer " + LocalStack.DEV_ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));
    if (created.statusCode() != 201) {
      throw new IllegalStateException(
          "Cannot create an account: POST "
              + created.uri()
              + " answered "
              + created.statusCode()
              + " "
              + created.body());
    }
    try {
      JsonNode body = json.readTree(created.body());
      return new Account(body.path("account_sid").asText(), body.path("auth_token").asText());
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON from " + created.uri() + ": " + created.body(), e);
    }
  }

  /**
   * True when the public API accepts the account's credentials (an account that is gone, or a
   * rotated token, is not).
   */
  boolean accepts(Account account) {
    URI list =
        URI.create(
            aggregatorUrl + "/2010-04-01/Accounts/" + account.sid() + "/Calls.json?PageSize=1");
    return send(HttpRequest.newBuilder(list)
                .header("Authorization", account.basicAuthorization())
                .GET())
            .statusCode()
        == 200;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot " + built.method() + " " + built.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
