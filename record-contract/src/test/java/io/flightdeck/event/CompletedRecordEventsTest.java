package io.flightdeck.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletedRecordEventsTest {

  static CallRecord completedCall() {
    Instant created = Instant.parse("2026-11-23T10:15:30Z");
    return new CallRecord(
        Sid.mint(SidKind.CALL).value(),
        Sid.mint(SidKind.ACCOUNT).value(),
        null,
        CallStatus.COMPLETED,
        "outbound-api",
        "+14155550100",
        "+14155550101",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        created.plusSeconds(2),
        created.plusSeconds(62),
        "60",
        "-0.0130",
        "USD",
        created,
        created.plusSeconds(62),
        4);
  }

  @Test
  void aCompletedCallTravelsAsAStructuredCloudEvent() {
    CallRecord call = completedCall();
    String json = CompletedRecordEvents.asText(CompletedRecordEvents.completed(call));
    assertThat(json)
        .contains("\"specversion\":\"1.0\"")
        .contains("\"id\":\"" + call.sid() + ".4\"")
        .contains("\"type\":\"io.flightdeck.call.completed.v1\"")
        .contains("\"account_sid\":\"" + call.accountSid() + "\"")
        .contains("\"status\":\"completed\"")
        .contains("\"date_created\":\"2026-11-23T10:15:30Z\"");
    assertThat(CompletedRecordEvents.readCallCompleted(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(call);
  }

  @Test
  void unreadableEventsSayWhy() {
    assertThatThrownBy(() -> CompletedRecordEvents.readCallCompleted("{}".getBytes()))
        .isInstanceOf(MalformedEventException.class);
    assertThatThrownBy(() -> CompletedRecordEvents.readCallCompleted("not json".getBytes()))
        .isInstanceOf(MalformedEventException.class);
  }
}
