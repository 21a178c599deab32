package io.flightdeck.inflight.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.StoredRows;
import io.flightdeck.inflight.TopicRecords;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An account on the {@code dual} write path, as a migration puts it: new records are born on the
 * in-flight nodes and every write of them is copied into the legacy store, so legacy keeps holding
 * all of the account; a record born in legacy before the flip (the cut) lives on there, in order,
 * and ends there, with its completion published once.
 */
@QuarkusTest
@WithRealServers
@TestProfile(DualWritePathIT.OnDual.class)
class DualWritePathIT {
  public static class OnDual implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("flightdeck.flags.default.write-path", "dual");
    }
  }

  private final String account = Producer.newAccount();

  @Test
  void aNewCallLivesOnANodeAndEveryVersionIsCopiedIntoLegacy() {
    String sid = Producer.createCall(account);
    assertThat(StoredRows.nodesHolding(sid)).hasSize(1);
    assertThat(StoredRows.legacy(sid)).contains(new StoredRows.Legacy("queued", 1, true));

    Producer.move(account, sid, "{\"status\": \"ringing\"}").statusCode(200);
    assertThat(StoredRows.legacy(sid)).contains(new StoredRows.Legacy("ringing", 2, true));
    Producer.move(account, sid, "{\"status\": \"in-progress\"}").statusCode(200);
    Producer.move(account, sid, "{\"status\": \"completed\", \"duration\": \"42\"}")
        .statusCode(200);
    assertThat(StoredRows.live(sid)).contains(new StoredRows.Live("completed", 4));
    assertThat(StoredRows.legacy(sid)).contains(new StoredRows.Legacy("completed", 4, true));

    // One event, from the node's outbox: the copy publishes nothing.
    CallRecord published =
        CompletedRecordEvents.readCallCompleted(
            TopicRecords.completedOf(account, 1).get(0).value());
    assertThat(published.sid()).isEqualTo(sid);
    assertThat(published.version()).isEqualTo(4);
    assertThat(StoredRows.legacyOutbox(account)).isZero();
  }

  @Test
  void aCallBornInLegacyBeforeTheCutMovesOnThereInOrderAndEndsThereOnce() {
    String born = Sid.mint(SidKind.CALL).value();
    StoredRows.legacySql(
        "INSERT INTO records (kind, sid, account_sid, status, direction, from_address, to_address,"
            + " date_created, date_updated, version, mirrored) VALUES ('call', '"
            + born
            + "', '"
            + account
            + "', 'ringing', 'outbound-api', '+14155550100', '+14155550101',"
            + " '2026-12-01 10:00:00', '2026-12-01 10:00:01', 2, 0)");
    String fresh = Producer.createCall(account);

    // The account's live list holds both, newest first; a get finds the legacy one.
    Producer.given()
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .body("records.sid", contains(fresh, born));
    Producer.given()
        .get(Producer.calls(account) + "/" + born)
        .then()
        .statusCode(200)
        .body("status", equalTo("ringing"))
        .body("version", equalTo(2));

    Producer.move(account, born, "{\"status\": \"in-progress\"}")
        .statusCode(200)
        .body("version", equalTo(3));
    Producer.move(account, born, "{\"status\": \"completed\", \"duration\": \"42\"}")
        .statusCode(200)
        .body("version", equalTo(4));
    assertThat(StoredRows.legacy(born)).contains(new StoredRows.Legacy("completed", 4, false));
    assertThat(StoredRows.nodesHolding(born)).isEmpty();

    List<String> published =
        TopicRecords.completedOf(account, 1).stream()
            .map(event -> CompletedRecordEvents.readCallCompleted(event.value()).sid())
            .toList();
    assertThat(published).containsExactly(born);
    Producer.given()
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .body("records.sid", contains(fresh));
  }
}
