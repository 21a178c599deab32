package io.flightdeck.billing;

import static io.flightdeck.billing.TestCallers.asOperator;
import static io.flightdeck.billing.TestCallers.asService;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class ChargesIT {
  private CompletedEvents events;

  @BeforeEach
  void connect() {
    events = new CompletedEvents(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
  }

  @AfterEach
  void disconnect() {
    events.close();
  }

  /** A minute and a second is two started minutes; three segments; what never connected or was never sent is free. */
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
    awaitTotals(later, 1, 1, "0.013000"); // the same partition order is not promised: wait for the redeliveries too
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertTotals(account, 4, 5, "0.049700"));
  }

  @Test
  void anUnreadableEventIsRejectedNotCharged() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    events.send(account, "{\"specversion\": \"1.0\", \"type\": \"something.else\"}".getBytes(StandardCharsets.UTF_8));
    events.publish(List.of(CompletedEvents.call(account, CallStatus.COMPLETED, "ninety")));
    events.publish(List.of(CompletedEvents.call(account, CallStatus.COMPLETED, "30")));

    awaitTotals(account, 1, 1, "0.013000");
    given().get("/q/metrics").then().body(containsString("billing_events_total{outcome=\"rejected\"}"));
  }

  @Test
  void badInputToTheApiIsA400() {
    asService().get("/billing/v1/Accounts/ACnope/Totals").then().statusCode(400).body("message", containsString("AccountSid"));
    asOperator().queryParam("Day", "yesterday").get("/admin/v1/Accounting").then().statusCode(400)
        .body("message", containsString("Day"));
  }

  private static void awaitTotals(String account, int records, int units, String amount) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTotals(account, records, units, amount));
  }

  private static void assertTotals(String account, int records, int units, String amount) {
    asService().get("/billing/v1/Accounts/" + account + "/Totals").then().statusCode(200)
        .body("records", equalTo(records)).body("units", equalTo(units)).body("amount", equalTo(amount));
  }
}
