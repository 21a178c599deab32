package io.flightdeck.record.v2010;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.RecordPage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PublicLinesTest {
  private static final String ACCOUNT = "AC" + "a".repeat(32);
  private static final ObjectMapper JSON = new ObjectMapper();

  static CallRecord call(String sid, Instant created, CallStatus status) {
    return new CallRecord(
        sid,
        ACCOUNT,
        null,
        status,
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
        "usd",
        created,
        created,
        2);
  }

  static MessageRecord message(String sid, Instant created) {
    return new MessageRecord(
        sid,
        ACCOUNT,
        MessageStatus.DELIVERED,
        "outbound-api",
        "+1",
        "+2",
        "a \"quoted\"\nline",
        null,
        "0",
        "1",
        null,
        null,
        null,
        null,
        created,
        created,
        created,
        3);
  }

  static byte[] lines(List<? extends LifecycleRecord> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PublicLinesWriter()
        .writeTo(new RecordPage<>(List.copyOf(records)), null, null, null, null, null, out);
    return out.toByteArray();
  }

  @Test
  void eachRecordIsOneLineWithItsExactPlaceAndTheBytesThePublicApiShows() throws Exception {
    Instant created = Instant.parse("2026-11-30T10:15:30.123456789Z");
    CallRecord call = call("CA" + "b".repeat(32), created, CallStatus.COMPLETED);
    MessageRecord message = message("MM" + "c".repeat(32), created.minusSeconds(1));

    byte[] body = lines(List.of(call, message));
    List<PublicLines.Line> read = PublicLines.read(body);

    assertThat(new String(body, StandardCharsets.UTF_8).split("\n")).hasSize(2);
    assertThat(read).hasSize(2);
    assertThat(read.get(0).position()).contains(new ListPosition(created, call.sid()));
    assertThat(read.get(0).skipped()).isEmpty();
    assertThat(JSON.readTree(read.get(0).record().orElseThrow().json()))
        .isEqualTo(JSON.valueToTree(PublicCall.of(call)));
    assertThat(JSON.readTree(read.get(1).record().orElseThrow().json()))
        .as("a body with quotes and a line break stays one line")
        .isEqualTo(JSON.valueToTree(PublicMessage.of(message)));
    assertThat(read.get(1).record().orElseThrow().json())
        .isEqualTo(PublicLines.listed(message).json());
  }

  @Test
  void aRecordThePublicApiCannotShowIsALineNamingTheFieldWithItsPlaceWhereItHasOne()
      throws Exception {
    Instant created = Instant.parse("2026-11-30T10:15:30Z");
    List<CallRecord> records =
        List.of(
            call("CA\"not a sid", created, CallStatus.COMPLETED),
            call("CA" + "d".repeat(32), null, CallStatus.COMPLETED),
            call("CA" + "e".repeat(32), created, null),
            call("MM" + "f".repeat(32), created, CallStatus.QUEUED));

    List<PublicLines.Line> read = PublicLines.read(lines(records));

    assertThat(read).extracting(PublicLines.Line::record).allMatch(r -> r.isEmpty());
    assertThat(read)
        .extracting(line -> line.skipped().orElseThrow())
        .containsExactly("sid", "date_created", "status", "sid");
    assertThat(read.get(0).sid()).isEqualTo("CA\"not a sid");
    assertThat(read.get(1).position()).isEmpty();
    assertThat(read.get(2).position()).contains(new ListPosition(created, "CA" + "e".repeat(32)));
  }

  @Test
  void aLineTheFastReaderLeavesIsReadByJsonWithTheSameResult() {
    String record = "{\"sid\":\"CA1\",\"body\":\"x ] y\"}";
    byte[] spaced =
        ("[ 1764497730 , 5 , \"CA" + "1".repeat(32) + "\" , " + record + " ]\n")
            .getBytes(StandardCharsets.UTF_8);

    PublicLines.Line line = PublicLines.read(spaced).get(0);

    assertThat(line.position())
        .contains(new ListPosition(Instant.ofEpochSecond(1764497730, 5), "CA" + "1".repeat(32)));
    assertThat(line.record().orElseThrow()).hasToString(record);
  }

  @Test
  void aBodyThatIsNotPublicLinesIsRefused() {
    assertThatThrownBy(() -> PublicLines.read("{\"records\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PublicLines.read(new byte[0])).isEmpty();
  }

  @Test
  void datesPrintAsTwilioPrintsThemWhateverTheInstant() {
    DateTimeFormatter twilio =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 300_000_000_000L));
      assertThat(Rfc2822.format(instant)).isEqualTo(twilio.format(instant));
    }
    assertThat(Rfc2822.format(Instant.parse("2010-08-20T01:13:42.999Z")))
        .isEqualTo("Fri, 20 Aug 2010 01:13:42 +0000");
  }

  @Test
  void jacksonWritesAListedRecordAsItsJsonByteForByteWhateverItWritesTo() throws Exception {
    MessageRecord message = message("SM" + "9".repeat(32), Instant.parse("2026-01-02T03:04:05Z"));
    ListedRecord listed = PublicLines.listed(message);
    String expected = "{\"messages\":[" + listed + "," + listed + "]}";
    Map<String, Object> page = Map.of("messages", List.of(listed, listed));

    assertThat(new String(JSON.writeValueAsBytes(page), StandardCharsets.UTF_8))
        .isEqualTo(expected);
    assertThat(JSON.writeValueAsString(page)).isEqualTo(expected);
    assertThat(JSON.readTree(expected).get("messages").get(1))
        .isEqualTo(JSON.valueToTree(PublicMessage.of(message)));
  }
}
