package io.flightdeck.stack;

import io.flightdeck.stack.AdminAccounts.Account;
import io.flightdeck.stack.InflightCalls.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * An API client's view of one account's calls at the aggregator's public URL (Twilio v2010), with
 * the account's HTTP Basic credentials sent pre-emptively, as Twilio's libraries send them. Every
 * request answers a {@link Reply}, also when nothing answered. Thread-safe.
 */
final class PublicCalls {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String baseUrl;
  private final Account account;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  PublicCalls(String aggregatorUrl, Account account) {
    this.baseUrl = aggregatorUrl;
    this.account = account;
  }

  /** The relative URI of the list's first page, as a client builds it. */
  String firstPage(int pageSize) {
    return "/2010-04-01/Accounts/" + account.sid() + "/Calls.json?PageSize=" + pageSize;
  }

  /**
   * A page by its relative URI: the first page's, or a {@code next_page_uri} as the API gave it.
   */
  Reply page(String relativeUri) {
    return send(URI.create(baseUrl + relativeUri));
  }

  /** {@code GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json}. */
  Reply get(String sid) {
    return send(
        URI.create(baseUrl + "/2010-04-01/Accounts/" + account.sid() + "/Calls/" + sid + ".json"));
  }

  private Reply send(URI uri) {
    return Reply.of(
        http,
        HttpRequest.newBuilder(uri)
            .header("Authorization", account.basicAuthorization())
            .timeout(PATIENCE)
            .GET()
            .build());
  }
}
