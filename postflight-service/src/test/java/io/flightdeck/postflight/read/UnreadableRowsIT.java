package io.flightdeck.postflight.read;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.v2010.PublicCall;
import io.flightdeck.record.v2010.PublicLines;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows written straight into a shard (a backfill, a newer version's status, a hand-made fix) that
 * the record model cannot read: each is skipped, logged and counted, and every page around it is
 * still full, so no reader's paging stops short of the records after it.
 */
@QuarkusTest
@WithRealServers
class UnreadableRowsIT {
  /**
   * The local development credentials of services and operators (the services may not check them
   * yet).
   */
  private static final String SERVICE = "Bearer flightdeck-local-service-token";

  private static final String OPERATOR = "Bearer flightdeck-local-admin-token";

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  private final String account = TestRecords.newAccount();

  @Test
  void rowsThatAreNoRecordAreSkippedAndCountedWhileEveryPageStaysFull() {
    List<String> readable = new ArrayList<>();
    for (int i = 9; i >= 0; i--) { // newest first, as listed
      String sid = Sid.mint(SidKind.CALL).value();
      String status =
          switch (i) {
            case 8, 5 -> "on-hold"; // not a call status (yet)
            default -> "completed";
          };
      insertCall(sid, status, "2026-03-01 12:00:0" + i);
      if (status.equals("completed")) {
        readable.add(sid);
      }
    }
    insertCall(
        "CAnot-" + Sid.mint(SidKind.CALL).value().substring(8), "completed", "2026-03-01 11:00:00");
    insertCall(Sid.mint(SidKind.CALL).value(), "completed", "0000-00-00 00:00:00");
    double before = unreadableCounted();

    List<String> listed = new ArrayList<>();
    List<String> page = page(3, null, null);
    while (!page.isEmpty()) {
      assertThat(listed.size() + page.size() == readable.size() || page.size() == 3)
          .as("a page shorter than asked for is the last: %s after %s", page, listed)
          .isTrue();
      listed.addAll(page);
      String last = page.get(page.size() - 1);
      String lastCreated =
          given()
              .header("Authorization", SERVICE)
              .get(path() + "/" + last)
              .then()
              .statusCode(200)
              .extract()
              .path("date_created");
      page = page.size() < 3 ? List.of() : page(3, lastCreated, last);
    }

    assertThat(listed).containsExactlyElementsOf(readable);
    assertThat(unreadableCounted() - before).isGreaterThanOrEqualTo(4);
  }

  @Test
  void askedForPublicLinesThePageHoldsTheSameRecordsInTheirPublicForm() throws Exception {
    for (int i = 5; i >= 0; i--) {
      insertCall(
          Sid.mint(SidKind.CALL).value(),
          i == 3 ? "on-hold" : "completed",
          "2026-03-02 12:00:0" + i);
    }
    RecordPage<CallRecord> json =
        JSON.readValue(
            given()
                .header("Authorization", SERVICE)
                .queryParam("PageSize", 4)
                .get(path())
                .then()
                .statusCode(200)
                .extract()
                .asByteArray(),
            JSON.getTypeFactory().constructParametricType(RecordPage.class, CallRecord.class));

    List<PublicLines.Line> lines =
        PublicLines.read(
            given()
                .header("Authorization", SERVICE)
                .accept(PublicLines.MEDIA_TYPE)
                .queryParam("PageSize", 4)
                .get(path())
                .then()
                .statusCode(200)
                .contentType(PublicLines.MEDIA_TYPE)
                .extract()
                .asByteArray());

    assertThat(lines).hasSize(4);
    for (int i = 0; i < 4; i++) {
      CallRecord record = json.records().get(i);
      assertThat(lines.get(i).position()).contains(ListPosition.of(record));
      assertThat(JSON.readTree(lines.get(i).record().orElseThrow().json()))
          .isEqualTo(JSON.valueToTree(PublicCall.of(record)));
    }
  }

  @Test
  void aRowThatIsNoRecordIsNotFound() {
    String sid = Sid.mint(SidKind.CALL).value();
    insertCall(sid, "on-hold", "2026-03-01 12:00:00");

    given()
        .header("Authorization", SERVICE)
        .get(path() + "/" + sid)
        .then()
        .statusCode(404)
        .body("status", equalTo(404));
  }

  private List<String> page(int size, String afterDateCreated, String afterSid) {
    var request = given().header("Authorization", SERVICE).queryParam("PageSize", size);
    if (afterSid != null) {
      request.queryParam("AfterDateCreated", afterDateCreated).queryParam("AfterSid", afterSid);
    }
    return request.get(path()).then().statusCode(200).extract().path("records.sid");
  }

  private String path() {
    return "/internal/v1/Accounts/" + account + "/Calls";
  }

  private void insertCall(String sid, String status, String dateCreated) {
    String shard =
        given()
            .header("Authorization", OPERATOR)
            .get("/admin/v1/Accounts/" + account + "/Route")
            .then()
            .statusCode(200)
            .extract()
            .path("read.shard");
    TestServers.servers()
        .mariaDb(shard)
        .sql(
            "INSERT INTO postflight.calls (sid, account_sid, status, date_created, date_updated, version) VALUES ('%s', '%s', '%s', '%s', '%s', 3)"
                .formatted(sid, account, status, dateCreated, dateCreated));
  }

  private static double unreadableCounted() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(
            line ->
                line.startsWith("postflight_unreadable_rows_total{")
                    && line.contains("table=\"calls\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
