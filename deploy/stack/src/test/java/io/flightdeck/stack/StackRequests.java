package io.flightdeck.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.stack.AdminAccounts.Account;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Raw HTTP to the three services of a running stack, as any client could send it: a method, a path
 * and query already encoded, headers and a body, and the answer as it came. Also seeds an account
 * with records in both stores for the suites that then read or attack them. Thread-safe.
 */
final class StackRequests {
  static final String PRODUCER_TOKEN = DevelopmentCredentials.PRODUCER_TOKEN;
  static final String SERVICE_TOKEN = DevelopmentCredentials.SERVICE_TOKEN;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The three services of the stack. */
  enum Service {
    AGGREGATOR(LocalStack.AGGREGATOR),
    INFLIGHT(LocalStack.INFLIGHT),
    POSTFLIGHT(LocalStack.POSTFLIGHT);

    final String name;

    Service(String name) {
      this.name = name;
    }
  }

  /** Whose credentials a request carries. */
  enum Credential {
    NONE,
    /**
     * Malformed or wrong: a bad scheme, an unknown token, an account's Sid with a wrong password.
     */
    GARBAGE,
    PRODUCER,
    SERVICE,
    OPERATOR,
    ACCOUNT_A,
    ACCOUNT_B
  }

  /** What came back. */
  record Answer(int status, String body) {
    @Override
    public String toString() {
      return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  /**
   * The Sids of an account's records: live ones in-flight, finished ones on their way to or in
   * post-flight.
   */
  record Records(
      List<String> liveCalls,
      List<String> finishedCalls,
      List<String> liveMessages,
      List<String> finishedMessages) {
    List<String> all() {
      List<String> all = new ArrayList<>(liveCalls);
      all.addAll(finishedCalls);
      all.addAll(liveMessages);
      all.addAll(finishedMessages);
      return all;
    }
  }

  private final Map<Service, String> urls;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  StackRequests(LocalStack stack) {
    urls =
        Map.of(
            Service.AGGREGATOR, stack.url(LocalStack.AGGREGATOR),
            Service.INFLIGHT, stack.url(LocalStack.INFLIGHT),
            Service.POSTFLIGHT, stack.url(LocalStack.POSTFLIGHT));
  }

  /**
   * Sends {@code method} to {@code pathAndQuery} (already percent-encoded) on {@code service}.
   *
   * @param headers name, value, name, value …
   */
  Answer send(Service service, String method, String pathAndQuery, String body, String... headers) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(urls.get(service) + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(method, publisher);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(answer.statusCode(), answer.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          method + " " + pathAndQuery + " on " + service + " got no answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** Sends a generated request. */
  Answer send(GeneratedRequests.Request request) {
    List<String> headers = new ArrayList<>();
    if (request.authorization() != null) {
      headers.addAll(List.of("Authorization", request.authorization()));
    }
    if (request.contentType() != null) {
      headers.addAll(List.of("Content-Type", request.contentType()));
    }
    if (request.idempotencyKey() != null) {
      headers.addAll(List.of("Idempotency-Key", request.idempotencyKey()));
    }
    return send(
        request.service(),
        request.method(),
        request.pathAndQuery(),
        request.body(),
        headers.toArray(String[]::new));
  }

  /**
   * Two live and one completed call, one live and one delivered message, created as a producer
   * creates them.
   */
  Records recordsOf(String account) {
    List<String> liveCalls = List.of(create(account, "Calls"), create(account, "Calls"));
    String completed = create(account, "Calls");
    move(account, "Calls", completed, "{\"status\": \"completed\", \"duration\": \"42\"}");
    String liveMessage = create(account, "Messages");
    String delivered = create(account, "Messages");
    move(account, "Messages", delivered, "{\"status\": \"delivered\"}");
    return new Records(liveCalls, List.of(completed), List.of(liveMessage), List.of(delivered));
  }

  private String create(String account, String kind) {
    String body =
        "Calls".equals(kind)
            ? "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}"
            : "{\"from\": \"+14155550100\", \"to\": \"+14155550101\", \"body\": \"hello\"}";
    Answer created =
        send(
            Service.INFLIGHT,
            "POST",
            "/internal/v1/Accounts/" + account + "/" + kind,
            body,
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + PRODUCER_TOKEN);
    if (created.status() != 201) {
      throw new IllegalStateException("Cannot create a record: " + created);
    }
    try {
      return JSON.readTree(created.body()).path("sid").asText();
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON: " + created, e);
    }
  }

  private void move(String account, String kind, String sid, String transition) {
    Answer moved =
        send(
            Service.INFLIGHT,
            "POST",
            "/internal/v1/Accounts/" + account + "/" + kind + "/" + sid + "/Transitions",
            transition,
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + PRODUCER_TOKEN);
    if (moved.status() != 200) {
      throw new IllegalStateException("Cannot move " + sid + ": " + moved);
    }
  }

  /** The value of an {@code Authorization} header carrying {@code credential}. */
  static String authorization(Credential credential, Account a, Account b) {
    return switch (credential) {
      case NONE, GARBAGE -> null;
      case PRODUCER -> "Bearer " + PRODUCER_TOKEN;
      case SERVICE -> "Bearer " + SERVICE_TOKEN;
      case OPERATOR -> "Bearer " + LocalStack.DEV_ADMIN_TOKEN;
      case ACCOUNT_A -> a.basicAuthorization();
      case ACCOUNT_B -> b.basicAuthorization();
    };
  }
}
