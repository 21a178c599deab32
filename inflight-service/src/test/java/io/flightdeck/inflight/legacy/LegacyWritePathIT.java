package io.flightdeck.inflight.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.StoredRows;
import io.flightdeck.inflight.TopicRecords;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An account on the {@code legacy} write path: its records are born, move and end in the legacy
 * combined store, with the split path's answers, and their completions reach {@code
 * records.completed} like any other. The flag's configured default puts every account of this
 * profile on legacy; account-flags' own tests cover the per-account evaluation against Unleash.
 */
@QuarkusTest
@WithRealServers
@TestProfile(LegacyWritePathIT.OnLegacy.class)
class LegacyWritePathIT {
  public static class OnLegacy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("flightdeck.flags.default.write-path", "legacy");
    }
  }

  private final String account = Producer.newAccount();

  @Test
  void aCallLivesItsWholeLifeInTheLegacyStoreAndItsCompletionIsPublished() {
    String sid = Producer.createCall(account);
    assertThat(StoredRows.legacy(sid)).contains(new StoredRows.Legacy("queued", 1, false));
    assertThat(StoredRows.nodesHolding(sid)).isEmpty();
    Producer.given()
        .get(Producer.calls(account) + "/" + sid)
        .then()
        .statusCode(200)
        .body("status", equalTo("queued"));
    Producer.given()
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .body("records.sid", contains(sid));

    Producer.complete(account, sid);
    assertThat(StoredRows.legacy(sid)).contains(new StoredRows.Legacy("completed", 4, false));
    CallRecord published =
        CompletedRecordEvents.readCallCompleted(
            TopicRecords.completedOf(account, 1).get(0).value());
    assertThat(published.sid()).isEqualTo(sid);
    assertThat(published.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(published.version()).isEqualTo(4);
    assertThat(published.duration()).isEqualTo("42");

    // Finished: post-flight's to list, as on the split path; the same state machine's answers.
    Producer.given().get(Producer.calls(account)).then().statusCode(200).body("records", empty());
    Producer.move(account, sid, "{\"status\": \"completed\", \"duration\": \"42\"}")
        .statusCode(200)
        .body("version", equalTo(4));
    Producer.move(account, sid, "{\"status\": \"ringing\"}")
        .statusCode(409)
        .body("message", containsString("completed"));
    assertThat(StoredRows.legacy(sid)).contains(new StoredRows.Legacy("completed", 4, false));
  }

  @Test
  void aRetriedCreateWithTheSameKeyAnswersTheFirstRecordAndMakesNoSecond() {
    String body = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";
    String sid =
        Producer.createWithKey(account, "legacy-retry", body).statusCode(201).extract().path("sid");
    Producer.createWithKey(account, "legacy-retry", body).statusCode(200).body("sid", equalTo(sid));
    Producer.given()
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .body("records.sid", contains(sid));
  }

  @Test
  void anotherAccountsSidAndAnUnknownSidAreNotFound() {
    String sid = Producer.createCall(account);
    String other = Producer.newAccount();
    Producer.given().get(Producer.calls(other) + "/" + sid).then().statusCode(404);
    Producer.move(other, sid, "{\"status\": \"ringing\"}").statusCode(404);
    String unknown = "CA" + "0".repeat(31) + "1";
    Producer.given().get(Producer.calls(account) + "/" + unknown).then().statusCode(404);
    assertThat(StoredRows.legacy(sid)).contains(new StoredRows.Legacy("queued", 1, false));
  }
}
