package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.stack.AdminAccounts.Account;
import io.flightdeck.stack.StackRequests.Answer;
import io.flightdeck.stack.StackRequests.Credential;
import io.flightdeck.stack.StackRequests.Service;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Ten thousand generated requests across every endpoint of the three services of the running stack
 * (the public API, the producers' internal API, post-flight's read API and every admin API), with
 * every kind of credential and none: right and wrong accounts, Sids and records of both accounts,
 * malformed path segments, filters and paging parameters of every shape, JSON bodies with wrong
 * types, out-of-range and oversized values. Whatever comes in, no answer is a 5xx, every 4xx
 * carries the error body, and no write is accepted without the credentials of its role.
 *
 * <p>jqwik generates the requests from a fixed seed, so a failure is reproduced by running the
 * class again, and shrinks a failing request to a smallest one before reporting it.
 */
class GeneratedRequestsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Integer> ANSWERS = new ConcurrentHashMap<>();
  private static StackRequests requests;
  private static GeneratedRequests generator;

  @BeforeContainer
  static void twoAccountsWithRecordsInBothStores() {
    LocalStack stack = SharedStack.stack();
    requests = new StackRequests(stack);
    AdminAccounts admin = new AdminAccounts(stack.url(LocalStack.AGGREGATOR));
    Account a = admin.create();
    Account b = admin.create();
    // A third account whose token the generated rotations may change, so A's and B's stay valid.
    Account rotated = admin.create();
    generator =
        new GeneratedRequests(
            a, b, rotated, requests.recordsOf(a.sid()), requests.recordsOf(b.sid()));
  }

  @AfterContainer
  static void printTheAnswers() {
    System.out.println(
        "GeneratedRequestsIT answers by endpoint and status: " + new TreeMap<>(ANSWERS));
  }

  @Property(tries = 10_000, seed = "20261202", shrinking = ShrinkingMode.BOUNDED)
  void noRequestGetsA5xxEvery4xxCarriesTheErrorBodyAndNoWriteGoesInWithoutItsRole(
      @ForAll("requests") GeneratedRequests.Request request) throws Exception {
    Answer answer = requests.send(request);
    ANSWERS.merge(request.endpoint() + " " + answer.status(), 1, Integer::sum);
    String context = request + " -> " + answer;

    assertThat(answer.status()).as(context).isBetween(200, 499);
    if (answer.status() >= 400) {
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.path("status").asInt()).as(context).isEqualTo(answer.status());
      assertThat(body.path("code").isInt()).as(context).isTrue();
      assertThat(body.path("message").isTextual()).as(context).isTrue();
      return;
    }
    if (request.writes() && request.credential() != request.writer()) {
      assertThat(answer.status())
          .as("a write without its role's credential: " + context)
          .isBetween(400, 499);
    }
    if (request.credential() == Credential.NONE || request.credential() == Credential.GARBAGE) {
      assertThat(answer.status()).as("no valid credential: " + context).isBetween(400, 499);
    }
    // The account's own records: the public API (its account's credential) and the stores' internal
    // reads.
    // The operators' per-account endpoints (a token rotation, a route) are for any account.
    boolean accountsOwn =
        request.endpoint().template.contains("{account}")
            && !request.endpoint().template.startsWith("/admin/");
    if (accountsOwn && request.endpoint().service == Service.AGGREGATOR) {
      String caller =
          request.credential() == Credential.ACCOUNT_A
              ? generator.accountA()
              : request.credential() == Credential.ACCOUNT_B ? generator.accountB() : null;
      assertThat(request.account())
          .as("another account's public path answered: " + context)
          .isEqualTo(caller);
    }
    if (accountsOwn && !request.writes()) {
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.findValuesAsText("account_sid"))
          .as("records of another account: " + context)
          .allMatch(request.account()::equals);
      assertThat(body.findValuesAsText("sid"))
          .as("records of another account: " + context)
          .doesNotContainAnyElementsOf(generator.sidsOfTheOther(request.account()));
    }
  }

  @Provide
  Arbitrary<GeneratedRequests.Request> requests() {
    return generator.requests();
  }

  /**
   * Every endpoint appears in a run of this size; a generator change that starves one fails here.
   */
  @Property(tries = 1, seed = "20261202")
  void everyEndpointIsGenerated() {
    List<GeneratedRequests.Endpoint> seen =
        generator
            .requests()
            .sampleStream()
            .limit(20_000)
            .map(GeneratedRequests.Request::endpoint)
            .distinct()
            .toList();
    assertThat(seen).containsExactlyInAnyOrder(GeneratedRequests.Endpoint.values());
  }
}
