package io.flightdeck.record.v2010;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublicMessageTest {

  @Test
  void aMessageHasTwilios20FieldsWithRfc2822DatesAndANumericErrorCode() throws Exception {
    String account = "AC" + "a".repeat(32);
    String sid = "MM" + "b".repeat(32);
    MessageRecord record =
        new MessageRecord(
            sid,
            account,
            MessageStatus.UNDELIVERED,
            "outbound-api",
            "+14155550100",
            "+14155550101",
            "hi",
            null,
            "1",
            "1",
            30003,
            "Unreachable destination handset",
            "-0.00750",
            "usd",
            Instant.parse("2024-03-05T09:07:05Z"),
            Instant.parse("2024-03-05T09:07:03Z"),
            Instant.parse("2024-03-05T09:08:00Z"),
            4);
    JsonNode json = new ObjectMapper().valueToTree(PublicMessage.of(record));

    assertThat(json.size()).isEqualTo(20);
    assertThat(json.get("date_created").asText()).isEqualTo("Tue, 05 Mar 2024 09:07:03 +0000");
    assertThat(json.get("date_sent").asText()).isEqualTo("Tue, 05 Mar 2024 09:07:05 +0000");
    assertThat(json.get("status").asText()).isEqualTo("undelivered");
    assertThat(json.get("error_code").isInt()).isTrue();
    assertThat(json.get("num_segments").isTextual()).isTrue();
    assertThat(json.get("price_unit").asText()).isEqualTo("USD");
    assertThat(json.get("messaging_service_sid").isNull()).isTrue();
    assertThat(json.get("api_version").asText()).isEqualTo("2010-04-01");
    assertThat(json.get("uri").asText())
        .isEqualTo("/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json");
    assertThat(json.get("subresource_uris").get("media").asText())
        .endsWith("/Messages/" + sid + "/Media.json");
    assertThat(json.has("version")).isFalse();
  }
}
