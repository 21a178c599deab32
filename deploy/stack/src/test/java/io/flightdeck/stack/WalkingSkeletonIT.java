package io.flightdeck.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call's whole journey through the running platform: created and completed at inflight-service,
 * published through the outbox, stored on its shard by postflight-service, deleted in-flight, and
 * listed and fetched throughout at the aggregator's public URL, by a client holding the credentials
 * the admin API gave its account.
 */
class WalkingSkeletonIT {
  private static LocalStack stack;
  private static String inflight;
  private static String aggregator;

  /** Each service's {@code /q/health} status the moment {@code up} returned. */
  private static final Map<String, Integer> healthRightAfterUp = new LinkedHashMap<>();

  @BeforeAll
  static void theSharedStack() {
    stack = SharedStack.stack();
    for (String service :
        List.of(LocalStack.INFLIGHT, LocalStack.POSTFLIGHT, LocalStack.AGGREGATOR)) {
      healthRightAfterUp.put(service, given().get(stack.url(service) + "/q/health").statusCode());
    }
    inflight = stack.url(LocalStack.INFLIGHT);
    aggregator = stack.url(LocalStack.AGGREGATOR);
  }

  /** A request of a telephony engine to inflight-service, with the stack's producer token. */
  private static RequestSpecification producer() {
    return given().auth().oauth2(LocalStack.DEV_PRODUCER_TOKEN);
  }

  /** A public API request with the account's HTTP Basic credentials. */
  private static RequestSpecification as(String[] account) {
    return given().auth().preemptive().basic(account[0], account[1]);
  }

  @Test
  void whenUpReturnsEveryServiceIsReady() {
    assertThat(healthRightAfterUp)
        .containsOnly(
            Map.entry(LocalStack.INFLIGHT, 200),
            Map.entry(LocalStack.POSTFLIGHT, 200),
            Map.entry(LocalStack.AGGREGATOR, 200));
  }

  @Test
  void aCompletedCallMovesToItsShardAndStaysVisibleWithTheSameDateCreated() {
    String[] credentials = StackAccounts.newAccount(stack);
    String account = credentials[0];
    String calls = inflight + "/internal/v1/Accounts/" + account + "/Calls";
    String sid = StackAccounts.newCall(stack, account);
    String publicList = aggregator + "/2010-04-01/Accounts/" + account + "/Calls.json";
    String publicGet = aggregator + "/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json";

    given().get(publicList).then().statusCode(401).body("code", equalTo(20003));
    as(StackAccounts.newAccount(stack))
        .get(publicGet)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
    String dateCreated =
        as(credentials)
            .get(publicList)
            .then()
            .statusCode(200)
            .body("calls[0].sid", equalTo(sid))
            .body("calls[0].status", equalTo("queued"))
            .extract()
            .path("calls[0].date_created");

    for (String status : List.of("ringing", "in-progress")) {
      producer()
          .contentType(ContentType.JSON)
          .body("{\"status\": \"" + status + "\"}")
          .post(calls + "/" + sid + "/Transitions")
          .then()
          .statusCode(200);
    }
    producer()
        .contentType(ContentType.JSON)
        .body("{\"status\": \"completed\", \"duration\": \"42\"}")
        .post(calls + "/" + sid + "/Transitions")
        .then()
        .statusCode(200);

    // Once post-flight confirms it, the live copy goes; the public API never loses the call.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              as(credentials)
                  .get(publicGet)
                  .then()
                  .statusCode(200)
                  .body("status", equalTo("completed"));
              producer().get(calls + "/" + sid).then().statusCode(404);
            });

    as(credentials)
        .get(publicGet)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("account_sid", equalTo(account))
        .body("duration", equalTo("42"))
        .body("date_created", equalTo(dateCreated))
        .body("uri", equalTo("/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json"));
    as(credentials)
        .get(publicList)
        .then()
        .statusCode(200)
        .body("calls.size()", equalTo(1))
        .body("calls[0].status", equalTo("completed"))
        .body("calls[0].date_created", equalTo(dateCreated))
        .body("next_page_uri", equalTo(null));

    long copies =
        LocalStack.MARIADB_STORES.stream()
            .filter(store -> store.startsWith("shard-"))
            .mapToLong(
                shard ->
                    Long.parseLong(
                        stack
                            .servers()
                            .mariaDb(shard)
                            .sql("SELECT COUNT(*) FROM postflight.calls WHERE sid = '" + sid + "'")
                            .strip()))
            .sum();
    assertThat(copies).as("copies of the call across the shards").isEqualTo(1);
  }

  @Test
  void aClientPagesThroughLiveAndFinishedCallsByFollowingNextPageUri() {
    String[] credentials = StackAccounts.newAccount(stack);
    String account = credentials[0];
    String calls = inflight + "/internal/v1/Accounts/" + account + "/Calls";
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String sid = StackAccounts.newCall(stack, account);
      if (i % 2 == 0) {
        producer()
            .contentType(ContentType.JSON)
            .body("{\"status\": \"busy\"}")
            .post(calls + "/" + sid + "/Transitions")
            .then()
            .statusCode(200);
      }
      created.add(0, sid);
    }
    List<String> seen = new ArrayList<>();
    String next = "/2010-04-01/Accounts/" + account + "/Calls.json?PageSize=3";
    while (next != null) {
      JsonPath page =
          as(credentials).get(aggregator + next).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("calls.sid"));
      next = page.getString("next_page_uri");
    }
    assertThat(seen).containsExactlyElementsOf(created);
    // The largest page Twilio allows, larger than a store answers at once beside the one more that
    // tells whether another follows.
    as(credentials)
        .get(aggregator + "/2010-04-01/Accounts/" + account + "/Calls.json?PageSize=1000")
        .then()
        .statusCode(200)
        .body("calls.sid", equalTo(created))
        .body("page_size", equalTo(1000))
        .body("next_page_uri", equalTo(null));

    // Filters stay in the page URIs, and a page token is good only with the filters it was made
    // for.
    String filtered =
        "/2010-04-01/Accounts/" + account + "/Calls.json?To=%2B14155550101&Status=busy&PageSize=2";
    JsonPath busy =
        as(credentials)
            .urlEncodingEnabled(false)
            .get(aggregator + filtered)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(busy.getString("first_page_uri"))
        .isEqualTo(
            "/2010-04-01/Accounts/"
                + account
                + "/Calls.json?To=%2B14155550101&Status=busy&PageSize=2&Page=0");
    String nextBusy = busy.getString("next_page_uri");
    assertThat(nextBusy)
        .startsWith(
            "/2010-04-01/Accounts/"
                + account
                + "/Calls.json?To=%2B14155550101&Status=busy&PageSize=2&Page=1&PageToken=");
    as(credentials).urlEncodingEnabled(false).get(aggregator + nextBusy).then().statusCode(200);
    as(credentials)
        .urlEncodingEnabled(false)
        .get(aggregator + nextBusy.replace("Status=busy", "Status=queued"))
        .then()
        .statusCode(400)
        .body("code", equalTo(20001));
  }

  @Test
  void aMessageIsFetchedThroughThePublicApiWithTwiliosFields() {
    String[] credentials = StackAccounts.newAccount(stack);
    String account = credentials[0];
    String sid =
        producer()
            .contentType(ContentType.JSON)
            .body("{\"from\": \"+14155550100\", \"to\": \"+14155550101\", \"body\": \"hi\"}")
            .post(inflight + "/internal/v1/Accounts/" + account + "/Messages")
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    String publicGet =
        aggregator + "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json";
    as(credentials)
        .get(publicGet)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("account_sid", equalTo(account))
        .body("body", equalTo("hi"))
        .body("api_version", equalTo("2010-04-01"))
        .body("error_code", equalTo(null))
        .body("uri", equalTo("/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json"));
    as(StackAccounts.newAccount(stack))
        .get(publicGet)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void everyInternalAndAdminApiWantsItsRolesTokenAndOperationsEndpointsStayOnTheServicesPorts() {
    String postflight = stack.url(LocalStack.POSTFLIGHT);
    String calls =
        inflight + "/internal/v1/Accounts/" + StackAccounts.newAccount(stack)[0] + "/Calls";
    String newCall = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";
    given()
        .contentType(ContentType.JSON)
        .body(newCall)
        .post(calls)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\"")
        .body("code", equalTo(20003));
    given()
        .auth()
        .oauth2(LocalStack.DEV_SERVICE_TOKEN)
        .contentType(ContentType.JSON)
        .body(newCall)
        .post(calls)
        .then()
        .statusCode(403)
        .body("code", equalTo(20403));
    given()
        .auth()
        .oauth2(LocalStack.DEV_SERVICE_TOKEN)
        .get(calls)
        .then()
        .statusCode(200)
        .body("records.size()", equalTo(0));
    given()
        .auth()
        .oauth2(LocalStack.DEV_SERVICE_TOKEN)
        .get(postflight + calls.substring(inflight.length()))
        .then()
        .statusCode(200);
    given()
        .get(postflight + "/admin/v1/Shards")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
    given()
        .auth()
        .oauth2(LocalStack.DEV_PRODUCER_TOKEN)
        .get(postflight + "/admin/v1/Shards")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(LocalStack.DEV_SERVICE_TOKEN)
        .get(postflight + "/admin/v1/Shards")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(LocalStack.DEV_ADMIN_TOKEN)
        .get(postflight + "/admin/v1/Shards")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(LocalStack.DEV_PRODUCER_TOKEN)
        .post(aggregator + "/admin/v1/Accounts")
        .then()
        .statusCode(401);
    for (String service : List.of(inflight, postflight, aggregator)) {
      given().get(service + "/q/health/live").then().statusCode(200);
      given().get(service + "/q/metrics").then().statusCode(200);
      given().get(service + "/q/openapi").then().statusCode(200);
    }
  }

  @Test
  void upDemoPrintsPublicRequestsWithWorkingCredentialsAndReusesItsAccounts(@TempDir Path state) {
    DemoCalls demo = new DemoCalls(inflight, aggregator, state);
    List<String> printed = printedBy(demo);
    List<String> curls =
        printed.stream()
            .map(String::strip)
            .filter(line -> line.startsWith("curl -s -u AC"))
            .toList();
    assertThat(curls).hasSize(DemoCalls.ACCOUNTS);
    for (String curl : curls) {
      String[] words = curl.split(" "); // curl -s -u AC…:token http://…/Calls.json
      as(words[3].split(":")).get(words[4]).then().statusCode(200).body("calls.size()", equalTo(5));
    }

    List<String> again = printedBy(demo);
    assertThat(
            again.stream()
                .map(String::strip)
                .filter(line -> line.startsWith("curl -s -u AC"))
                .toList())
        .isEqualTo(curls);
    assertThat(again)
        .anySatisfy(line -> assertThat(line).contains("0 created, 10 existed already"));
  }

  private static List<String> printedBy(DemoCalls demo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    demo.createAndPrint(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
