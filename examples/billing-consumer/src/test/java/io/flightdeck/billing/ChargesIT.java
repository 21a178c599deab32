package io.flightdeck.billing;

import static io.flightdeck.billing.TestCallers.asOperator;
import static io.flightdeck.billing.TestCallers.asService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.event.Topics;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class ChargesIT {
  @Inject Ledger ledger;
  private CompletedEvents events;

  @BeforeEach
  void connect() {
    events =
        new CompletedEvents(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  @AfterEach
  void disconnect() {
    events.close();
  }

  /**
   * A minute and a second is two started minutes; three segments; what never connected or was never
   * sent is free.
   */
  private static List<LifecycleRecord> journeyOf(String account) {
    return List.of(
        CompletedEvents.call(account, CallStatus.COMPLETED, "61"),
        CompletedEvents.call(account, CallStatus.BUSY, null),
        CompletedEvents.message(account, MessageStatus.DELIVERED, "3"),
        CompletedEvents.message(account, MessageStatus.FAILED, "1"));
  }

  @Test
  void eachFinishedRecordIsChargedByTheTariff() {
    String account = Sid.mint(SidKind.ACCOUNT).value();

    events.publish(journeyOf(account));

    awaitTotals(account, 4, 5, "0.049700");
  }

  @Test
  void aRedeliveredEventChargesNothing() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    List<LifecycleRecord> journey = journeyOf(account);
    events.publish(journey);
    awaitTotals(account, 4, 5, "0.049700");

    events.publish(journey);
    events.publish(journey.subList(0, 1));
    String later = Sid.mint(SidKind.ACCOUNT).value();
    events.publish(List.of(CompletedEvents.call(later, CallStatus.COMPLETED, "1")));
    awaitTotals(
        later,
        1,
        1,
        "0.013000"); // the same partition order is not promised: wait for the redeliveries too
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertTotals(account, 4, 5, "0.049700"));
  }

  @Test
  void anUnreadableEventIsRejectedNotCharged() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    events.send(
        account,
        "{\"specversion\": \"1.0\", \"type\": \"something.else\"}"
            .getBytes(StandardCharsets.UTF_8));
    events.publish(List.of(CompletedEvents.call(account, CallStatus.COMPLETED, "ninety")));
    events.publish(List.of(CompletedEvents.call(account, CallStatus.COMPLETED, "30")));

    awaitTotals(account, 1, 1, "0.013000");
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("billing_events_total{outcome=\"rejected\"}"));
  }

  @Test
  void aPoisonEventIsRejectedWithItsReasonAndTheConsumerGoesOn() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    CallRecord fine = CompletedEvents.call(account, CallStatus.COMPLETED, "30");
    double rejectedBefore = rejectedCounted();
    events.send(account, withNull(fine, "status")); // no status
    events.publish(List.of(CompletedEvents.message(account, null, "1"))); // no status
    events.send(
        account,
        without(
            CompletedEvents.call(account, CallStatus.COMPLETED, "30"),
            "date_updated")); // no day to charge it to
    events.publish(
        List.of(
            CompletedEvents.call(
                account,
                CallStatus.COMPLETED,
                String.valueOf(Long.MAX_VALUE)))); // more than money holds
    events.publish(List.of(fine));

    awaitTotals(account, 1, 1, "0.013000");
    await().atMost(Duration.ofSeconds(10)).until(() -> rejectedCounted() - rejectedBefore >= 4);
    String reasons =
        billing(
            "SELECT GROUP_CONCAT(reason SEPARATOR ' | ') FROM rejected_event WHERE rejected_at > NOW(6) - INTERVAL 5 MINUTE");
    assertThat(reasons).contains("status", "date_updated");
  }

  @Test
  void aBatchIsChargedWholeOrNotAtAllAlsoWhenTheDatabaseFailsWithACheckedException() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    String refusing = Sid.mint(SidKind.ACCOUNT).value();
    CallRecord first = CompletedEvents.call(account, CallStatus.COMPLETED, "61");
    CallRecord second = CompletedEvents.call(refusing, CallStatus.COMPLETED, "61");
    // A real refusal of the real database, as an outage in the middle of a batch would fail it:
    // the second event's total cannot be written (a subquery of more than one row).
    String trigger = "refuse_" + refusing.toLowerCase();
    billing(
        "CREATE TRIGGER "
            + trigger
            + " BEFORE INSERT ON account_total FOR EACH ROW SET NEW.units ="
            + " IF(NEW.account_sid = '"
            + refusing
            + "', (SELECT 1 UNION SELECT 2), NEW.units)");
    try {
      assertThatThrownBy(() -> ledger.charge(List.of(consumed(first, 0), consumed(second, 1))))
          .isInstanceOf(SQLException.class);
    } finally {
      billing("DROP TRIGGER " + trigger);
    }

    assertThat(
            billing(
                "SELECT COUNT(*) FROM charge WHERE account_sid IN ('"
                    + account
                    + "', '"
                    + refusing
                    + "')"))
        .isEqualTo("0");
    assertThat(billing("SELECT COUNT(*) FROM account_total WHERE account_sid = '" + account + "'"))
        .isEqualTo("0");
  }

  @Test
  void badInputToTheApiIsA400() {
    asService()
        .get("/billing/v1/Accounts/ACnope/Totals")
        .then()
        .statusCode(400)
        .body("message", containsString("AccountSid"));
    asOperator()
        .queryParam("Day", "yesterday")
        .get("/admin/v1/Accounting")
        .then()
        .statusCode(400)
        .body("message", containsString("Day"));
  }

  /** The record's event with one field of the record left out. */
  /** The record's completed event with {@code field} left out of its data. */
  private static byte[] without(LifecycleRecord record, String field) {
    return edited(record, data -> data.remove(field));
  }

  /** The record's completed event with {@code field} null in its data. */
  private static byte[] withNull(LifecycleRecord record, String field) {
    return edited(record, data -> data.putNull(field));
  }

  private static byte[] edited(LifecycleRecord record, Consumer<ObjectNode> edit) {
    try {
      ObjectMapper json = new ObjectMapper();
      ObjectNode event = (ObjectNode) json.readTree(CompletedRecordEvents.completed(record));
      edit.accept((ObjectNode) event.get("data"));
      return json.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record's event as the consumer receives it from the topic. */
  private static ConsumerRecord<String, byte[]> consumed(LifecycleRecord record, long offset) {
    return new ConsumerRecord<>(
        Topics.RECORDS_COMPLETED,
        0,
        offset,
        record.accountSid(),
        CompletedRecordEvents.completed(record));
  }

  private static String billing(String sql) {
    return TestServers.servers().mariaDb("billing").sql("USE billing; " + sql).strip();
  }

  private static double rejectedCounted() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith("billing_events_total{outcome=\"rejected\"}"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static void awaitTotals(String account, int records, int units, String amount) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertTotals(account, records, units, amount));
  }

  private static void assertTotals(String account, int records, int units, String amount) {
    asService()
        .get("/billing/v1/Accounts/" + account + "/Totals")
        .then()
        .statusCode(200)
        .body("records", equalTo(records))
        .body("units", equalTo(units))
        .body("amount", equalTo(amount));
  }
}
