package io.flightdeck.postflight.access;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.TestCallers.service;
import static io.flightdeck.postflight.admin.ShardMapsApi.even;
import static io.flightdeck.postflight.admin.ShardMapsApi.latestVersion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call postflight-service: services read finished records, operators use the admin API, and
 * no one else does either. Every refusal is in the API error body.
 */
@QuarkusTest
@WithRealServers
class PostflightCredentialsIT {
  private static final String ACCOUNT = Sid.mint(SidKind.ACCOUNT).value();
  private static final List<String> READS =
      List.of(
          "/internal/v1/Accounts/" + ACCOUNT + "/Calls",
          "/internal/v1/Accounts/" + ACCOUNT + "/Calls/" + Sid.mint(SidKind.CALL),
          "/internal/v1/Accounts/" + ACCOUNT + "/Messages");
  private static final List<String> ADMIN_READS =
      List.of(
          "/admin/v1/Shards",
          "/admin/v1/ShardMaps/write",
          "/admin/v1/ShardMaps/read/Versions",
          "/admin/v1/Accounts/" + ACCOUNT + "/Route");

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token);
  }

  @Test
  void withoutCredentialsReadsAndTheAdminApiAreA401WithTheChallengeInTheErrorBody() {
    for (String path : concat(READS, ADMIN_READS)) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\"")
          .body("code", equalTo(20003))
          .body("status", equalTo(401))
          .body("message", containsString("Authorization: Bearer"));
    }
  }

  @Test
  void aWrongTokenIsA401ThatSaysSo() {
    for (String path : concat(READS, ADMIN_READS)) {
      as("not-a-token-anyone-has")
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\", error=\"invalid_token\"")
          .body("code", equalTo(20003));
    }
  }

  @Test
  void aProducersTokenOpensNothingHere() {
    for (String path : concat(READS, ADMIN_READS)) {
      as(DevelopmentCredentials.PRODUCER_TOKEN).get(path).then().statusCode(401);
    }
  }

  @Test
  void aServiceReadsRecordsButIsRefusedTheAdminApi() {
    service().get(READS.get(0)).then().statusCode(200);
    service().get(READS.get(1)).then().statusCode(404).body("code", equalTo(20404));
    for (String path : ADMIN_READS) {
      service()
          .get(path)
          .then()
          .statusCode(403)
          .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\", error=\"insufficient_scope\"")
          .body("code", equalTo(20403))
          .body("status", equalTo(403))
          .body("message", containsString("operator"));
    }
  }

  @Test
  void noShardMapChangeIsAcceptedWithoutAnOperatorsToken() {
    long before = latestVersion("write");
    Map<String, Object> body =
        Map.of("based_on_version", before, "ranges", even(), "overrides", List.of());
    for (RequestSpecification stranger :
        List.of(
            given(),
            as("not-a-token-anyone-has"),
            service(),
            as(DevelopmentCredentials.PRODUCER_TOKEN))) {
      int status =
          stranger
              .contentType(ContentType.JSON)
              .body(body)
              .put("/admin/v1/ShardMaps/write")
              .then()
              .extract()
              .statusCode();
      assertThat(status).isIn(401, 403);
    }
    assertThat(latestVersion("write")).isEqualTo(before);
    operator()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/admin/v1/ShardMaps/write")
        .then()
        .statusCode(200)
        .body("version", equalTo((int) before + 1));
  }

  @Test
  void anOperatorUsesTheAdminApiButReadsNoRecords() {
    for (String path : ADMIN_READS) {
      operator().get(path).then().statusCode(200);
    }
    operator().get(READS.get(0)).then().statusCode(403).body("code", equalTo(20403));
  }

  @Test
  void healthStaysOpen() {
    given().get("/q/health/live").then().statusCode(200);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
