package io.flightdeck.record.v2010;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublicCallTest {

  @Test
  void aCallHasTwilios26FieldsWithRfc2822DatesAndNullsWhereEmpty() throws Exception {
    String account = "AC" + "a".repeat(32);
    String sid = "CA" + "b".repeat(32);
    CallRecord record =
        new CallRecord(
            sid,
            account,
            null,
            CallStatus.NO_ANSWER,
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
            null,
            null,
            null,
            null,
            "",
            Instant.parse("2024-03-05T09:07:03Z"),
            Instant.parse("2024-03-05T09:08:00Z"),
            3);
    JsonNode json = new ObjectMapper().valueToTree(PublicCall.of(record));

    assertThat(json.size()).isEqualTo(26);
    assertThat(json.get("date_created").asText()).isEqualTo("Tue, 05 Mar 2024 09:07:03 +0000");
    assertThat(json.get("status").asText()).isEqualTo("no-answer");
    assertThat(json.get("api_version").asText()).isEqualTo("2010-04-01");
    assertThat(json.get("uri").asText())
        .isEqualTo("/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json");
    assertThat(json.get("end_time").isNull()).isTrue();
    assertThat(json.get("price_unit").isNull()).as("never an empty currency").isTrue();
    assertThat(json.has("version")).isFalse();
    assertThat(json.get("subresource_uris").get("recordings").asText())
        .endsWith("/Recordings.json");
  }
}
