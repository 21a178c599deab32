package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.api.ErrorCode;
import io.flightdeck.servers.StateFile;
import io.flightdeck.stack.AdminAccounts.Account;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Demo data for {@code up --demo}: two demo accounts, created through the aggregator's admin API as
 * an operator would, and five calls for each, created and moved through inflight-service's internal
 * API as a producer would (with the stack's development producer token). Three of each account's
 * calls complete (they reach post-flight through Kafka within seconds), one stays in progress, one
 * stays queued. Prints public API requests that work with the accounts' credentials.
 *
 * <p>Idempotent: the accounts and their auth tokens (shown once by the admin API) are kept in
 * {@code demo-accounts.properties} in the stack's state folder and reused while the public API
 * accepts them (after {@code down --wipe} new ones are made); every call has its own {@code
 * Idempotency-Key}, and a call that exists already is left as it is.
 */
final class DemoCalls {

  static final int ACCOUNTS = 2;
  static final String ACCOUNTS_FILE = "demo-accounts.properties";
  private static final String FROM = "+14155550100";

  /**
   * The moves each call makes after its create, by call: most complete, one is live, one just
   * queued.
   */
  private static final List<List<Map<String, String>>> MOVES =
      List.of(
          completed(),
          completed(),
          completed(),
          List.of(Map.of("status", "ringing"), Map.of("status", "in-progress")),
          List.of());

  private final String inflightUrl;
  private final String aggregatorUrl;
  private final StateFile accountsFile;
  private final AdminAccounts admin;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  DemoCalls(String inflightUrl, String aggregatorUrl, Path stateFolder) {
    this.inflightUrl = inflightUrl;
    this.aggregatorUrl = aggregatorUrl;
    this.accountsFile = new StateFile(stateFolder.resolve(ACCOUNTS_FILE));
    this.admin = new AdminAccounts(aggregatorUrl);
  }

  private static List<Map<String, String>> completed() {
    return List.of(
        Map.of("status", "ringing"),
        Map.of("status", "in-progress"),
        Map.of("status", "completed", "duration", "42"));
  }

  /**
   * Creates the accounts (unless known ones still work) and the calls, then prints what it did and
   * how to list them.
   */
  void createAndPrint(PrintStream out) {
    List<Account> accounts = accounts();
    int created = 0;
    for (Account account : accounts) {
      for (int call = 0; call < MOVES.size(); call++) {
        created += create(account.sid(), call) ? 1 : 0;
      }
    }
    int total = accounts.size() * MOVES.size();
    out.println();
    out.printf(
        "Demo data: %d calls for each of %s (3 completed, 1 in progress, 1 queued); %d created, %d existed already.%n",
        MOVES.size(),
        String.join(" and ", accounts.stream().map(Account::sid).toList()),
        created,
        total - created);
    out.println(
        "Completed calls move to post-flight through Kafka a second or two later. List them (public API, the accounts' credentials):");
    for (Account account : accounts) {
      out.println("  " + curl(account, "/Calls.json"));
    }
    out.println(
        "Live ones only:  curl -s -H 'Authorization: Bearer "
            + LocalStack.DEV_PRODUCER_TOKEN
            + "' "
            + inflightUrl
            + "/internal/v1/Accounts/"
            + accounts.get(0).sid()
            + "/Calls");
    out.println(
        "The demo accounts' auth tokens are kept in "
            + accountsFile
            + " (local development only).");
  }

  /**
   * The public API request that lists or fetches {@code path} of the account, as a shell command
   * line.
   */
  String curl(Account account, String path) {
    return "curl -s -u "
        + account.sid()
        + ":"
        + account.authToken()
        + " "
        + aggregatorUrl
        + "/2010-04-01/Accounts/"
        + account.sid()
        + path;
  }

  /**
   * The demo accounts: those remembered while the public API accepts them, new ones through the
   * admin API for the rest.
   */
  List<Account> accounts() {
    Properties known = accountsFile.readProperties();
    List<Account> accounts =
        new ArrayList<>(
            known.stringPropertyNames().stream()
                .sorted()
                .map(sid -> new Account(sid, known.getProperty(sid)))
                .filter(admin::accepts)
                .limit(ACCOUNTS)
                .toList());
    while (accounts.size() < ACCOUNTS) {
      accounts.add(admin.create());
    }
    accounts.sort(Comparator.comparing(Account::sid)); // the same order in every run
    Properties kept = new Properties();
    accounts.forEach(account -> kept.setProperty(account.sid(), account.authToken()));
    accountsFile.replaceProperties(
        kept, "up --demo: the demo accounts and their auth tokens (local development only)");
    return accounts;
  }

  /** True when this call created it; false when its Idempotency-Key had created it before. */
  private boolean create(String account, int call) {
    String calls = inflightUrl + "/internal/v1/Accounts/" + account + "/Calls";
    HttpResponse<String> response =
        post(
            calls,
            Map.of("from", FROM, "to", "+1415555010" + (call + 1)),
            "flightdeck-demo-" + account + "-" + call);
    // 200: the key's call is still live; 409: it has finished and left in-flight since (read it
    // publicly).
    if (response.statusCode() == 200 || response.statusCode() == ErrorCode.CONFLICT.httpStatus()) {
      return false;
    }
    expect(201, response, "create a demo call");
    String sid = read(response).path("sid").asText();
    for (Map<String, String> move : MOVES.get(call)) {
      expect(
          200,
          post(calls + "/" + sid + "/Transitions", move, null),
          "move demo call " + sid + " to " + move.get("status"));
    }
    return true;
  }

  private HttpResponse<String> post(String url, Map<String, String> body, String idempotencyKey) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + LocalStack.DEV_PRODUCER_TOKEN)
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot POST " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static void expect(int status, HttpResponse<String> response, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "Cannot "
              + what
              + ": "
              + response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  private JsonNode read(HttpResponse<String> response) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          "Not JSON from " + response.uri() + ": " + response.body(), e);
    }
  }
}
