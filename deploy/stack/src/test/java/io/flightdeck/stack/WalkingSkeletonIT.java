package io.flightdeck.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One call's whole journey through the running platform: created and completed at
 * inflight-service, published through the outbox, stored on its shard by postflight-service,
 * deleted in-flight, and listed and fetched throughout at the aggregator's public URL.
 */
class WalkingSkeletonIT {
  private static LocalStack stack;
  private static String inflight;
  private static String aggregator;

  @BeforeAll
  static void startTheStack() {
    StackPorts ports = new StackPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Map.of());
    stack = LocalStack.of(ProjectRoot.locate(), Path.of("target", "stack-it").toAbsolutePath(), ports);
    stack.up();
    inflight = stack.url(LocalStack.INFLIGHT);
    aggregator = stack.url(LocalStack.AGGREGATOR);
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  void aCompletedCallMovesToItsShardAndStaysVisibleWithTheSameDateCreated() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    String calls = inflight + "/internal/v1/Accounts/" + account + "/Calls";
    String sid =
        given().contentType(ContentType.JSON).body("{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}")
            .post(calls).then().statusCode(201).extract().path("sid");
    String publicList = aggregator + "/2010-04-01/Accounts/" + account + "/Calls.json";
    String publicGet = aggregator + "/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json";

    String dateCreated =
        given().get(publicList).then().statusCode(200)
            .body("calls[0].sid", equalTo(sid)).body("calls[0].status", equalTo("queued"))
            .extract().path("calls[0].date_created");

    for (String status : List.of("ringing", "in-progress")) {
      given().contentType(ContentType.JSON).body("{\"status\": \"" + status + "\"}")
          .post(calls + "/" + sid + "/Transitions").then().statusCode(200);
    }
    given().contentType(ContentType.JSON).body("{\"status\": \"completed\", \"duration\": \"42\"}")
        .post(calls + "/" + sid + "/Transitions").then().statusCode(200);

    // Once post-flight confirms it, the live copy goes; the public API never loses the call.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      given().get(publicGet).then().statusCode(200).body("status", equalTo("completed"));
      given().get(calls + "/" + sid).then().statusCode(404);
    });

    given().get(publicGet).then().statusCode(200)
        .body("sid", equalTo(sid))
        .body("account_sid", equalTo(account))
        .body("duration", equalTo("42"))
        .body("date_created", equalTo(dateCreated))
        .body("uri", equalTo("/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json"));
    given().get(publicList).then().statusCode(200)
        .body("calls.size()", equalTo(1))
        .body("calls[0].status", equalTo("completed"))
        .body("calls[0].date_created", equalTo(dateCreated))
        .body("next_page_uri", equalTo(null));

    long copies =
        LocalStack.MARIADB_STORES.stream()
            .filter(store -> store.startsWith("shard-"))
            .mapToLong(shard -> Long.parseLong(stack.servers().mariaDb(shard)
                .sql("SELECT COUNT(*) FROM postflight.calls WHERE sid = '" + sid + "'").strip()))
            .sum();
    assertThat(copies).as("copies of the call across the shards").isEqualTo(1);
  }

  @Test
  void aClientPagesThroughLiveAndFinishedCallsByFollowingNextPageUri() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    String calls = inflight + "/internal/v1/Accounts/" + account + "/Calls";
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String sid =
          given().contentType(ContentType.JSON).body("{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}")
              .post(calls).then().statusCode(201).extract().path("sid");
      if (i % 2 == 0) {
        given().contentType(ContentType.JSON).body("{\"status\": \"busy\"}")
            .post(calls + "/" + sid + "/Transitions").then().statusCode(200);
      }
      created.add(0, sid);
    }
    List<String> seen = new ArrayList<>();
    String next = "/2010-04-01/Accounts/" + account + "/Calls.json?PageSize=3";
    while (next != null) {
      JsonPath page = given().get(aggregator + next).then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("calls.sid"));
      next = page.getString("next_page_uri");
    }
    assertThat(seen).containsExactlyElementsOf(created);
  }
}
