package io.flightdeck.record.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.TimeWindow;
import io.flightdeck.record.examples.ExampleRecords;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordColumnsTest {
  private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30.123456Z");

  @Test
  void everyRecordReadsBackFromTheRowItsValuesFill() {
    for (CallStatus status : CallStatus.values()) {
      roundTrip(RecordColumns.CALLS, ExampleRecords.fullCall(status, CREATED));
      roundTrip(RecordColumns.CALLS, ExampleRecords.sparseCall(status, CREATED));
    }
    for (MessageStatus status : MessageStatus.values()) {
      roundTrip(RecordColumns.MESSAGES, ExampleRecords.fullMessage(status, CREATED));
      roundTrip(RecordColumns.MESSAGES, ExampleRecords.sparseMessage(status, CREATED));
    }
  }

  @Test
  void timesAreStoredAsUtcWallClockTime() {
    Object[] values =
        RecordColumns.CALLS.values(ExampleRecords.fullCall(CallStatus.QUEUED, CREATED));
    int dateCreated = RecordColumns.CALLS.names().indexOf("date_created");
    assertThat(values[dateCreated]).isEqualTo(LocalDateTime.parse("2026-11-23T10:15:30.123456"));
  }

  @Test
  void aCopyWithChangedColumnsKeepsEveryOtherField() {
    CallRecord call = ExampleRecords.fullCall(CallStatus.IN_PROGRESS, CREATED);
    CallRecord ended =
        RecordColumns.CALLS.with(
            call,
            Map.of("status", "completed", "end_time", LocalDateTime.parse("2026-11-23T11:00")));
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.endTime()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
    assertThat(
            RecordColumns.CALLS.with(
                ended,
                Map.of("status", "in-progress", "end_time", ColumnValues.utc(call.endTime()))))
        .isEqualTo(call);
    assertThatThrownBy(() -> RecordColumns.CALLS.with(call, Map.of("colour", "blue")))
        .hasMessage("no column colour");
  }

  @Test
  void aValueOfTheWrongTypeFailsTheRead() {
    Map<String, Object> row =
        row(RecordColumns.CALLS, ExampleRecords.fullCall(CallStatus.QUEUED, CREATED));
    row.put("version", "five");
    assertThatThrownBy(() -> RecordColumns.CALLS.read(row::get))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void aFilterGivenAsQueryParametersAddsTheSameConditionsAsTheTypedOne() {
    CallFilter filter =
        new CallFilter(
            Optional.of("+14155550101"),
            Optional.empty(),
            Optional.empty(),
            Optional.of(CallStatus.COMPLETED),
            new TimeWindow(Optional.of(CREATED), Optional.empty()),
            TimeWindow.ALWAYS);
    ListQuery typed = RecordColumns.CALLS.filtered(ListQuery.ofAccount("AC1"), filter);
    ListQuery parameters =
        RecordColumns.CALLS.filteredBy(ListQuery.ofAccount("AC1"), filter.toQuery());

    assertThat(parameters.whereAndOrder()).isEqualTo(typed.whereAndOrder());
    assertThat(parameters.parameters()).isEqualTo(typed.parameters());
    assertThat(typed.whereAndOrder())
        .isEqualTo(
            " WHERE account_sid = ? AND to_address = ? AND status = ? AND start_time >= ?"
                + " ORDER BY date_created DESC, sid DESC LIMIT 50");
    assertThat(typed.parameters())
        .containsExactly(
            "AC1", "+14155550101", "completed", LocalDateTime.parse("2026-11-23T10:15:30.123456"));
  }

  @Test
  void aPositionKeepsOnlyTheRowsAfterItInListOrder() {
    ListQuery query =
        ListQuery.ofAccount("AC1").after(Optional.of(new ListPosition(CREATED, "CA9"))).limit(3);
    assertThat(query.whereAndOrder())
        .isEqualTo(
            " WHERE account_sid = ? AND date_created <= ? AND (date_created < ? OR (date_created ="
                + " ? AND sid < ?)) ORDER BY date_created DESC, sid DESC LIMIT 3");
    assertThat(query.parameters()).hasSize(5).endsWith("CA9");
  }

  @Test
  void aSetOfValuesIsOnePlaceholderEach() {
    ListQuery query =
        ListQuery.ofAccount("AC1").in("status", List.of("queued", "ringing")).limit(2);
    assertThat(query.whereAndOrder())
        .isEqualTo(
            " WHERE account_sid = ? AND status IN (?, ?) ORDER BY date_created DESC, sid DESC"
                + " LIMIT 2");
    assertThat(query.parameters()).containsExactly("AC1", "queued", "ringing");
    assertThatThrownBy(() -> ListQuery.ofAccount("AC1").in("status", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static <R extends LifecycleRecord> void roundTrip(RecordColumns<R, ?> columns, R record) {
    assertThat(columns.read(row(columns, record)::get)).isEqualTo(record);
  }

  private static <R extends LifecycleRecord> Map<String, Object> row(
      RecordColumns<R, ?> columns, R record) {
    List<String> names = columns.names();
    Object[] values = columns.values(record);
    assertThat(values).hasSameSizeAs(names);
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(names.get(i), values[i]);
    }
    return row;
  }
}
