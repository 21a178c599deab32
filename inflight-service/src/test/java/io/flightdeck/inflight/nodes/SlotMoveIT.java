package io.flightdeck.inflight.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.StoredRows;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A slot moving to another node, as when a node joins ({@link SlotAssignment}): the map gets a new
 * version in which the slot's new owner comes first, its old one after it. New records of the slot
 * go to the new owner; a record created there before stays where it is and is still found, moved
 * and listed; its Sid stays taken; an Idempotency-Key of the slot still finds its first create.
 */
@QuarkusTest
@WithRealServers
class SlotMoveIT {
  private static final String CALL = "\"from\": \"+14155550100\", \"to\": \"+14155550101\"";

  @Inject InflightNodes nodes;

  @Test
  void recordsCreatedBeforeAMoveStayWhereTheyAreAndNewOnesGoToTheNewOwner() {
    String account = Producer.newAccount();
    Slots before = nodes.slots();
    String from = "inflight-0";
    String to = "inflight-1";
    int slot = before.owned().get(from).get(0);
    String old = Slots.mint(SidKind.CALL, slot);
    Producer.create(account, "{\"sid\": \"" + old + "\", " + CALL + "}").statusCode(201);
    String key = keyIn(account, slot);
    String keyed = created(account, key);
    assertThat(StoredRows.nodesHolding(old)).containsExactly(from);
    assertThat(StoredRows.nodesHolding(keyed)).containsExactly(from);

    long next = before.version() + 1;
    move(slot, to, next);

    // Old records of the slot: still found, moved, listed, their Sid taken, their key answered.
    Producer.given().get(Producer.calls(account) + "/" + old).then().statusCode(200);
    Producer.move(account, old, "{\"status\": \"ringing\"}").statusCode(200);
    assertThat(StoredRows.nodesHolding(old)).containsExactly(from);
    assertThat(StoredRows.live(old)).contains(new StoredRows.Live("ringing", 2));
    Producer.create(account, "{\"sid\": \"" + old + "\", " + CALL + "}").statusCode(409);
    assertThat(created(account, key)).isEqualTo(keyed);

    // New records of the slot go to its new owner.
    String fresh = Slots.mint(SidKind.CALL, slot);
    Producer.create(account, "{\"sid\": \"" + fresh + "\", " + CALL + "}").statusCode(201);
    assertThat(StoredRows.nodesHolding(fresh)).containsExactly(to);
    String newKeyed = created(account, keyIn(account, slot, key));
    assertThat(StoredRows.nodesHolding(newKeyed)).containsExactly(to);

    List<String> listed =
        Producer.given()
            .get(Producer.calls(account) + "?PageSize=50")
            .then()
            .statusCode(200)
            .extract()
            .path("records.sid");
    assertThat(listed).containsExactlyInAnyOrder(old, keyed, fresh, newKeyed);

    // And back (the map keeps all three owners): what the new owner holds is still found.
    move(slot, from, next + 1);
    Producer.move(account, fresh, "{\"status\": \"ringing\"}").statusCode(200);
    Producer.move(account, old, "{\"status\": \"in-progress\"}").statusCode(200);
    assertThat(StoredRows.nodesHolding(fresh)).containsExactly(to);
  }

  private void move(int slot, String to, long version) {
    control(
        "INSERT INTO inflight_control.slot_owner (slot, since_version, node) VALUES (%d, %d, '%s');"
                .formatted(slot, version, to)
            + " UPDATE inflight_control.slot_map SET version = %d WHERE id = 1".formatted(version));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                nodes.slots().version() == version
                    && nodes.slots().owner(slot).equals(Optional.of(to)));
  }

  private static String created(String account, String key) {
    return Producer.given()
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body("{" + CALL + "}")
        .post(Producer.calls(account))
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
        .extract()
        .path("sid");
  }

  /** An Idempotency-Key whose slot is {@code slot} (and that is not {@code other}). */
  private static String keyIn(String account, int slot, String... other) {
    for (int i = 0; ; i++) {
      String key = "key-" + i;
      if (Slots.ofKey(account, key) == slot && !List.of(other).contains(key)) {
        return key;
      }
    }
  }

  private static String control(String sql) {
    return TestServers.servers().mariaDb("control").sql(sql);
  }
}
