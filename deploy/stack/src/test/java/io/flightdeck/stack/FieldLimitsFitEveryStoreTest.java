package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.record.CallStatus;
import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Status;
import io.flightdeck.servers.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * record-contract's FieldLimits against the columns every store really has, read from the
 * migrations each service runs: a column narrower than its field's limit (or a record instant in a
 * {@code TIMESTAMP}, which ends in 2038) fails here, before a record accepted at the door can be
 * refused by a store and left stranded in-flight.
 */
class FieldLimitsFitEveryStoreTest {
  private static final Path ROOT = ProjectRoot.locate();

  /** Sids are 34 characters; the Sid columns are CHAR(34). */
  private static final int SID = 34;

  /** Bytes a TEXT column holds; a character takes up to four in utf8mb4. */
  private static final int TEXT_BYTES = 65_535;

  private static final int CALL_STATUS = longest(CallStatus.values());
  private static final int MESSAGE_STATUS = longest(MessageStatus.values());
  private static final int ANY_STATUS = Math.max(CALL_STATUS, MESSAGE_STATUS);

  private static final Pattern STATEMENT_TABLE =
      Pattern.compile("(?:CREATE|ALTER)\\s+TABLE\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RENAME =
      Pattern.compile("RENAME\\s+TABLE\\s+(\\w+)\\s+TO\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern COLUMN =
      Pattern.compile(
          "^\\s*(?:(?:ADD|MODIFY)\\s+COLUMN\\s+)?(\\w+)\\s+(VARCHAR|CHAR|TEXT|MEDIUMTEXT|INT|BIGINT|SMALLINT|DATETIME|DATE|TIMESTAMP|MEDIUMBLOB)(?:\\((\\d+)\\))?",
          Pattern.CASE_INSENSITIVE);

  private static final Map<String, Column> INFLIGHT =
      columns("inflight-service/src/main/resources/db/migration");
  private static final Map<String, Column> SHARD =
      columns("postflight-service/src/main/resources/db/shard");
  private static final Map<String, Column> LEGACY =
      columns("legacy-store/src/main/resources/db/legacy");
  private static final Map<String, Column> BILLING =
      columns("examples/billing-consumer/src/main/resources/db/billing");

  @Test
  void everyStatusFitsEveryStatusColumnOfItsKind() {
    assertText(tableOf(SHARD, "calls"), CALL_STATUS, "status");
    assertText(tableOf(SHARD, "messages"), MESSAGE_STATUS, "status");
    assertText(tableOf(LEGACY, "records"), ANY_STATUS, "status");
    assertText(tableOf(INFLIGHT, "live_record"), ANY_STATUS, "status");
    assertText(tableOf(BILLING, "charge"), ANY_STATUS, "status");
  }

  @Test
  void everyCallFieldFitsThePostflightCallsTableAndTheLegacyRecordsTable() {
    for (Map<String, Column> store : List.of(tableOf(SHARD, "calls"), tableOf(LEGACY, "records"))) {
      assertSid(
          store,
          "sid",
          "account_sid",
          "parent_call_sid",
          "phone_number_sid",
          "group_sid",
          "trunk_sid");
      assertText(store, FieldLimits.SHORT_TEXT_LENGTH, "direction", "answered_by");
      assertText(
          store,
          FieldLimits.ADDRESS_LENGTH,
          "from_address",
          "to_address",
          "from_formatted",
          "to_formatted",
          "caller_name",
          "forwarded_from");
      assertText(store, FieldLimits.DURATION_DIGITS, "queue_time", "duration");
      assertText(store, FieldLimits.PRICE_LENGTH, "price");
      assertText(store, 3, "price_unit");
      assertInstant(store, "start_time", "end_time", "date_created", "date_updated");
    }
  }

  @Test
  void everyMessageFieldFitsThePostflightMessagesTableAndTheLegacyRecordsTable() {
    for (Map<String, Column> store :
        List.of(tableOf(SHARD, "messages"), tableOf(LEGACY, "records"))) {
      assertSid(store, "sid", "account_sid", "messaging_service_sid");
      assertText(store, FieldLimits.SHORT_TEXT_LENGTH, "direction");
      assertText(store, FieldLimits.ADDRESS_LENGTH, "from_address", "to_address");
      assertThat(store.get("body").type()).as("body").isEqualTo("TEXT");
      assertThat(FieldLimits.BODY_LENGTH * 4)
          .as("body's bytes at most")
          .isLessThanOrEqualTo(TEXT_BYTES);
      assertText(store, FieldLimits.COUNT_DIGITS, "num_media", "num_segments");
      assertThat(store.get("error_code").type()).as("error_code").isEqualTo("INT");
      assertThat(FieldLimits.ERROR_CODE_MAX).isLessThanOrEqualTo(Integer.MAX_VALUE);
      assertText(store, FieldLimits.ERROR_MESSAGE_LENGTH, "error_message");
      assertText(store, FieldLimits.PRICE_LENGTH, "price");
      assertText(store, 3, "price_unit");
      assertInstant(store, "date_sent", "date_created", "date_updated");
    }
  }

  @Test
  void theInflightStoreHoldsEverySidAndEveryRecord() {
    Map<String, Column> live = tableOf(INFLIGHT, "live_record");
    assertSid(live, "sid", "account_sid");
    assertThat(live.get("record").type())
        .as("live_record.record (the record as JSON; record-contract's FieldLimitsTest sizes it)")
        .isEqualTo("TEXT");
    assertInstant(live, "date_created");
    assertSid(tableOf(INFLIGHT, "sid_claim"), "sid");
  }

  @Test
  void theBillingLedgerHoldsEveryFinishedRecordsCharge() {
    Map<String, Column> charge = tableOf(BILLING, "charge");
    assertSid(charge, "sid", "account_sid");
    // The event id is the Sid, a dot and the version (a long: at most 19 digits).
    assertText(charge, SID + 1 + 19, "event_id");
    assertThat(charge.get("day").type())
        .as("day: the UTC day of date_updated, any year to 9999")
        .isEqualTo("DATE");
    // Units are a call's started minutes (nine digits of seconds) or a message's segments.
    assertThat(charge.get("units").type()).isEqualTo("INT");
    long mostMinutes = (long) Math.ceil(Math.pow(10, FieldLimits.DURATION_DIGITS) / 60);
    long mostSegments = (long) Math.pow(10, FieldLimits.COUNT_DIGITS) - 1;
    assertThat(Math.max(mostMinutes, mostSegments))
        .as("units in an INT")
        .isLessThanOrEqualTo(Integer.MAX_VALUE);
  }

  private static int longest(Status[] statuses) {
    return Arrays.stream(statuses).mapToInt(s -> s.wireName().length()).max().orElseThrow();
  }

  private static void assertSid(Map<String, Column> table, String... columns) {
    for (String column : columns) {
      assertThat(table.get(column)).as(column).isNotNull();
      assertThat(table.get(column).length())
          .as("%s holds a Sid", column)
          .isGreaterThanOrEqualTo(SID);
    }
  }

  private static void assertText(Map<String, Column> table, int limit, String... columns) {
    for (String column : columns) {
      assertThat(table.get(column)).as(column).isNotNull();
      assertThat(table.get(column).type()).as(column).isIn("CHAR", "VARCHAR");
      assertThat(table.get(column).length())
          .as("%s holds %d characters", column, limit)
          .isGreaterThanOrEqualTo(limit);
    }
  }

  private static void assertInstant(Map<String, Column> table, String... columns) {
    for (String column : columns) {
      assertThat(table.get(column)).as(column).isNotNull();
      assertThat(table.get(column))
          .as("%s holds every instant to the microsecond up to 9999", column)
          .isEqualTo(new Column("DATETIME", 6));
    }
  }

  /**
   * A column's type and its length (characters) or fractional-second digits; 0 when the type has
   * none.
   */
  record Column(String type, int length) {}

  private static Map<String, Column> tableOf(Map<String, Column> store, String table) {
    Map<String, Column> columns = new HashMap<>();
    store.forEach(
        (key, column) -> {
          if (key.startsWith(table + ".")) {
            columns.put(key.substring(table.length() + 1), column);
          }
        });
    assertThat(columns).as("table %s", table).isNotEmpty();
    return columns;
  }

  /** Every table.column of a store as its migrations leave it, applied in version order. */
  private static Map<String, Column> columns(String folder) {
    Map<String, Column> columns = new HashMap<>();
    try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
      List<Path> migrations =
          files
              .filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
              .sorted(
                  Comparator.comparingInt(
                      f ->
                          Integer.parseInt(
                              f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
              .toList();
      for (Path migration : migrations) {
        String sql = Files.readString(migration).replaceAll("(?m)--.*$", "");
        for (String statement : sql.split(";")) {
          apply(statement, columns);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return columns;
  }

  private static void apply(String statement, Map<String, Column> columns) {
    Matcher rename = RENAME.matcher(statement);
    if (rename.find()) {
      String from = rename.group(1) + ".";
      Map.copyOf(columns)
          .forEach(
              (key, column) -> {
                if (key.startsWith(from)) {
                  columns.remove(key);
                  columns.put(rename.group(2) + "." + key.substring(from.length()), column);
                }
              });
      return;
    }
    Matcher table = STATEMENT_TABLE.matcher(statement);
    if (!table.find()) {
      return;
    }
    for (String line : statement.substring(table.end()).split("[\\n,]")) {
      Matcher column = COLUMN.matcher(line.replaceFirst("^\\s*\\(", ""));
      if (column.find()
          && !List.of("PRIMARY", "KEY", "UNIQUE", "INDEX", "PARTITION")
              .contains(column.group(1).toUpperCase())) {
        String type = column.group(2).toUpperCase();
        int length = column.group(3) == null ? 0 : Integer.parseInt(column.group(3));
        columns.put(table.group(1) + "." + column.group(1), new Column(type, length));
      }
    }
  }
}
