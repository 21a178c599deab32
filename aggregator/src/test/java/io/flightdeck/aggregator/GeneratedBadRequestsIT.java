package io.flightdeck.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.aggregator.TestAccounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated bad requests (random mixes of wrong credentials, other accounts' paths,
 * wrong methods, unknown paths, malformed Sids, bad paging parameters and filters, forged tokens,
 * very long URIs) against the running aggregator: every one gets a 4xx in Twilio's error body, none
 * a 5xx. Every request carries at least one mistake, so none reaches the stores (which are not
 * running here and would answer 503).
 *
 * <p>URIs are valid RFC 3986 here: Quarkus's HTTP layer refuses others (raw {@code <} or {@code >},
 * broken {@code %} escapes) with a bodiless 400 before any application code (see the README).
 */
@QuarkusTest
@WithControlStore
class GeneratedBadRequestsIT {
  private static final int REQUESTS = 3000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long seed = System.nanoTime();
  private final Random random = new Random(seed);

  @Test
  void everyBadRequestGetsA4xxInTheErrorBody() throws Exception {
    Account mine = TestAccounts.create();
    Account theirs = TestAccounts.create();
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      Request request = generate(mine, theirs);
      RawHttp.Answer answer =
          RawHttp.send(RestAssured.port, request.method, request.target(), request.authorization);
      String context = "seed " + seed + ", request " + i + ": " + request + " -> " + answer;
      assertThat(answer.status()).as(context).isBetween(400, 499);
      JsonNode body = JSON.readTree(answer.body());
      assertThat(body.path("status").asInt()).as(context).isEqualTo(answer.status());
      assertThat(body.path("code").isInt()).as(context).isTrue();
      assertThat(body.path("message").isTextual()).as(context).isTrue();
      assertThat(body.path("more_info").asText())
          .as(context)
          .startsWith("https://www.twilio.com/docs/errors/");
      statuses.merge(answer.status(), 1, Integer::sum);
    }
    System.out.println("GeneratedBadRequestsIT seed " + seed + ", answers by status: " + statuses);
  }

  private Request generate(Account mine, Account theirs) {
    Request request = new Request();
    request.authorization = basic(mine.sid(), mine.token());
    request.account = mine.sid();
    boolean list = random.nextBoolean();
    boolean calls = random.nextBoolean();
    request.resource = calls ? "Calls" : "Messages";
    request.sid = list ? null : sid(calls ? "CA" : pick("SM", "MM"));
    noise(request, calls);
    List<Consumer<Request>> mistakes = new ArrayList<>(authMistakes(theirs));
    mistakes.addAll(pathMistakes());
    if (list) {
      mistakes.addAll(queryMistakes(calls));
    }
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      mistakes.get(random.nextInt(mistakes.size())).accept(request);
    }
    return request;
  }

  private List<Consumer<Request>> authMistakes(Account theirs) {
    return List.of(
        r -> r.authorization = null,
        r -> r.authorization = basic(r.account, "0".repeat(64)),
        r -> r.authorization = basic(sid("AC"), hex(64)),
        r ->
            r.authorization =
                pick(
                    "Basic !!!",
                    "Basic " + b64("no-colon"),
                    "Bearer x",
                    "Basic ",
                    "Digest a=b",
                    "Basic " + b64(":")),
        r -> r.account = theirs.sid(),
        r -> r.account = sid("AC"));
  }

  private List<Consumer<Request>> pathMistakes() {
    return List.of(
        r -> r.method = pick("POST", "PUT", "DELETE", "PATCH"),
        r -> r.suffix = pick("", ".xml", ".csv", ".json/extra"),
        r ->
            r.resource =
                pick("Nope", "calls", "Recordings", "Calls/Feedback", "%2E%2E", "Messages/Media"),
        r ->
            r.sid =
                pick(
                    "CA123",
                    "PN" + hex(32),
                    "CA" + hex(33),
                    "MM" + "g".repeat(32),
                    "%20",
                    "",
                    sid("AC"),
                    "x".repeat(500)),
        r -> r.account = pick("ACxyz", "", "%00", "AC" + hex(31), "ac" + hex(32)),
        r ->
            r.prefix =
                pick(
                    "/2010-04-02",
                    "/2010-04-01/Account",
                    "/api/2010-04-01",
                    "/2010-04-01/Accounts/" + sid("AC") + "/x"));
  }

  private List<Consumer<Request>> queryMistakes(boolean calls) {
    List<Consumer<Request>> mistakes =
        new ArrayList<>(
            List.of(
                r ->
                    r.query.add(
                        0,
                        "PageSize="
                            + pick(
                                "0", "-1", "100000", "ten", "1.5", "1001", "99999999999", "%20")),
                r ->
                    r.query.add(
                        0,
                        "PageToken="
                            + pick(
                                "garbage",
                                "PA",
                                "PA.",
                                "PB" + b64("x"),
                                "PA" + b64("2024-01-01T00:00:00Z|CA1") + "." + b64("forged"),
                                hex(200))),
                r -> r.query.add(0, "Page=" + pick("1", "7", "-1", "x")),
                r -> r.query.add(0, "To=" + "9".repeat(9000 + random.nextInt(12_000)))));
    String date = calls ? pick("StartTime", "EndTime") : "DateSent";
    mistakes.add(
        r ->
            r.query.add(
                0,
                date
                    + pick("", "%3E", "%3C", "%3E%3D", "%3C%3D")
                    + "="
                    + pick(
                        "yesterday",
                        "2024-13-01",
                        "2024-02-30",
                        "12/31/99",
                        "0",
                        "2024-03-09T25:00:00")));
    if (calls) {
      mistakes.add(
          r -> r.query.add(0, "Status=" + pick("done", "COMPLETED", "sent", "in_progress")));
      mistakes.add(r -> r.query.add(0, "ParentCallSid=" + pick("SM" + hex(32), "CA12", "x")));
    }
    return mistakes;
  }

  /** Valid parameters around the mistakes: filters, unknown names, repeats. */
  private void noise(Request request, boolean calls) {
    List<String> valid =
        new ArrayList<>(
            List.of(
                "PageSize=" + (1 + random.nextInt(1000)),
                "To=%2B14155550100",
                "From=%2B1415",
                "Foo=bar",
                "Page=0"));
    valid.add(calls ? "StartTime%3E=2024-03-09T10%3A00%3A00" : "DateSent%3C=2024-03-09");
    if (calls) {
      valid.add("Status=" + pick("completed", "in-progress", "queued"));
    }
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      request.query.add(valid.get(random.nextInt(valid.size())));
    }
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private String sid(String prefix) {
    return prefix + hex(32);
  }

  private String hex(int digits) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits; i++) {
      out.append(Character.forDigit(random.nextInt(16), 16));
    }
    return out.toString();
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A request being generated; every part starts valid and mistakes overwrite parts. */
  private static final class Request {
    String method = "GET";
    String authorization;
    String prefix = "/2010-04-01/Accounts/";
    String account;
    String resource;
    String sid;
    String suffix = ".json";
    final List<String> query = new ArrayList<>();

    String target() {
      String path =
          prefix
              + (prefix.endsWith("/") ? "" : "/")
              + account
              + "/"
              + resource
              + (sid == null ? "" : "/" + sid)
              + suffix;
      return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    @Override
    public String toString() {
      String target = target();
      return method
          + " "
          + (target.length() > 300
              ? target.substring(0, 300) + "…(" + target.length() + ")"
              : target)
          + " auth="
          + authorization;
    }
  }
}
