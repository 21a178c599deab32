package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.stack.AdminAccounts.Account;
import io.flightdeck.stack.BoundaryValues.Planned;
import io.flightdeck.stack.BoundaryValues.Refusal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field a producer sets, at each boundary of record-contract's FieldLimits and just over it,
 * through the whole platform: a value over a limit gets a 400 at inflight-service's door naming the
 * field and changes nothing; a value at a limit is stored, moves post-flight, leaves in-flight, and
 * is answered intact by postflight-service's read API and the aggregator's public get and list. No
 * record is left stranded in-flight by a value a store refuses.
 */
class FieldLimitsEndToEndIT {
  private static final String PRODUCER =
      DevelopmentCredentials.bearer(DevelopmentCredentials.PRODUCER_TOKEN);
  private static final String SERVICE =
      DevelopmentCredentials.bearer(DevelopmentCredentials.SERVICE_TOKEN);
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static String inflight;
  private static String postflight;
  private static String aggregator;
  private static AdminAccounts admin;

  @BeforeAll
  static void theSharedStack() {
    inflight = SharedStack.stack().url(LocalStack.INFLIGHT);
    postflight = SharedStack.stack().url(LocalStack.POSTFLIGHT);
    aggregator = SharedStack.stack().url(LocalStack.AGGREGATOR);
    admin = new AdminAccounts(aggregator);
  }

  @Test
  void aValueJustOverAnyLimitIsA400AtTheDoorNamingTheFieldAndChangesNothing() {
    String account = admin.create().sid();
    Map<String, String> live =
        Map.of(
            "Calls",
                created(account, "Calls", Map.of("from", "+14155550100", "to", "+14155550101")),
            "Messages",
                created(account, "Messages", Map.of("from", "+14155550100", "to", "+14155550101")));
    for (Refusal refusal : BoundaryValues.refusedCreates()) {
      Map<String, Object> body =
          new LinkedHashMap<>(Map.of("from", "+14155550100", "to", "+14155550101"));
      body.putAll(refusal.body());
      assertRefused(
          post(inflight + internal(account, refusal.resource()), PRODUCER, body), refusal);
    }
    for (Refusal refusal : BoundaryValues.refusedTransitions()) {
      String sid = live.get(refusal.resource());
      assertRefused(
          post(
              inflight + internal(account, refusal.resource()) + "/" + sid + "/Transitions",
              PRODUCER,
              refusal.body()),
          refusal);
    }
    for (String resource : live.keySet()) {
      JsonNode records =
          get(inflight + internal(account, resource), PRODUCER).json().path("records");
      assertThat(records).as("%s of the account after the refusals", resource).hasSize(1);
      assertThat(records.get(0).path("version").asLong())
          .as("%s changed by a refused transition", resource)
          .isEqualTo(1);
    }
  }

  @Test
  void everyValueAtALimitIsStoredMovesPostflightAndIsListedIntact() {
    Account account = admin.create();
    List<Planned> records =
        List.of(
            BoundaryValues.longestCall(),
            BoundaryValues.widestCall(),
            BoundaryValues.longestMessage(),
            BoundaryValues.widestMessage());
    for (Planned record : records) {
      String path = internal(account.sid(), record.kind());
      assertIntact(
          post(inflight + path, PRODUCER, record.create()).expect(201).json(),
          record.create(),
          "the create's answer");
      for (Map<String, Object> transition : record.transitions()) {
        post(inflight + path + "/" + record.sid() + "/Transitions", PRODUCER, transition)
            .expect(200);
      }
    }

    await("every record confirmed post-flight and gone from in-flight")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(records)
                    .allSatisfy(
                        record ->
                            assertThat(
                                    get(
                                            inflight
                                                + internal(account.sid(), record.kind())
                                                + "/"
                                                + record.sid(),
                                            PRODUCER)
                                        .code())
                                .as("%s still in-flight", record.sid())
                                .isEqualTo(404)));

    for (Planned record : records) {
      Reply stored =
          get(postflight + internal(account.sid(), record.kind()) + "/" + record.sid(), SERVICE)
              .expect(200);
      assertIntact(stored.json(), record.expected(), "post-flight's copy");
      assertThat(Instant.parse(stored.json().path("date_updated").asText()))
          .isEqualTo(record.updated());

      JsonNode shown = publicGet(account, record).expect(200).json();
      assertThat(shown.path("status").asText()).isEqualTo(record.expected().get("status"));
      assertThat(shown.path("date_updated").asText()).isEqualTo(RFC_2822.format(record.updated()));
      assertIntact(shown, asPublished(record.expected()), "the public get");
      JsonNode listed = publicList(account, record.kind());
      assertThat(
              StreamSupport.stream(listed.spliterator(), false)
                  .filter(r -> r.path("sid").asText().equals(record.sid())))
          .as("%s in its public list", record.sid())
          .containsExactly(shown);
    }
    assertThat(publicList(account, "Calls")).hasSize(2);
    assertThat(publicList(account, "Messages")).hasSize(2);

    // A finished record's Sid stays its own, in its account and every other.
    String other = admin.create().sid();
    for (Planned record : records) {
      for (String owner : List.of(account.sid(), other)) {
        Reply again = post(inflight + internal(owner, record.kind()), PRODUCER, record.create());
        assertThat(again.code())
            .as("creating %s again in %s: %s", record.sid(), owner, again.body())
            .isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains(record.sid());
      }
    }
  }

  private static void assertRefused(Reply reply, Refusal refusal) {
    assertThat(reply.code())
        .as("%s %s: %s", refusal.resource(), refusal.body(), reply.body())
        .isEqualTo(400);
    assertThat(reply.json().path("code").asInt()).isEqualTo(20001);
    assertThat(reply.json().path("message").asText())
        .as("%s %s", refusal.resource(), refusal.body())
        .startsWith(refusal.field() + " ");
  }

  /**
   * Each expected field has exactly the expected value in {@code record}: text to the character,
   * instants to the microsecond.
   */
  private static void assertIntact(JsonNode record, Map<String, Object> expected, String where) {
    expected.forEach(
        (field, value) -> {
          JsonNode actual = record.path(field);
          String what = where + ": " + field + " of " + record.path("sid").asText();
          if (value instanceof Instant instant) {
            assertThat(Instant.parse(actual.asText())).as(what).isEqualTo(instant);
          } else if (value instanceof Integer number) {
            assertThat(actual.isInt() ? actual.intValue() : null).as(what).isEqualTo(number);
          } else {
            assertThat(actual.isTextual() ? actual.textValue() : actual.toString())
                .as(what)
                .isEqualTo(value);
          }
        });
  }

  /** The fields as the public API prints them: instants in RFC 2822, to the second. */
  private static Map<String, Object> asPublished(Map<String, Object> fields) {
    Map<String, Object> published = new LinkedHashMap<>();
    fields.forEach(
        (field, value) ->
            published.put(
                field, value instanceof Instant instant ? RFC_2822.format(instant) : value));
    return published;
  }

  private static Reply publicGet(Account account, Planned record) {
    return send(
        HttpRequest.newBuilder(
                URI.create(
                    aggregator
                        + "/2010-04-01/Accounts/"
                        + account.sid()
                        + "/"
                        + record.kind()
                        + "/"
                        + record.sid()
                        + ".json"))
            .header("Authorization", account.basicAuthorization())
            .GET());
  }

  private static JsonNode publicList(Account account, String kind) {
    Reply page =
        send(HttpRequest.newBuilder(
                    URI.create(
                        aggregator
                            + "/2010-04-01/Accounts/"
                            + account.sid()
                            + "/"
                            + kind
                            + ".json?PageSize=50"))
                .header("Authorization", account.basicAuthorization())
                .GET())
            .expect(200);
    return page.json().path(kind.toLowerCase());
  }

  private static String created(String account, String resource, Map<String, Object> body) {
    return post(inflight + internal(account, resource), PRODUCER, body)
        .expect(201)
        .json()
        .path("sid")
        .asText();
  }

  private static String internal(String account, String resource) {
    return "/internal/v1/Accounts/" + account + "/" + resource;
  }

  private static Reply post(String url, String authorization, Map<String, Object> body) {
    Map<String, Object> json = new LinkedHashMap<>();
    body.forEach(
        (field, value) ->
            json.put(field, value instanceof Instant instant ? instant.toString() : value));
    try {
      return send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", authorization)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Reply get(String url, String authorization) {
    return send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET());
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  private record Reply(int code, String body) {
    Reply expect(int status) {
      assertThat(code).as("HTTP status; body: %s", body).isEqualTo(status);
      return this;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }
}
