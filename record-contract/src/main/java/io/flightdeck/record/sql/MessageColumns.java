package io.flightdeck.record.sql;

import static io.flightdeck.record.sql.ColumnValues.instant;
import static io.flightdeck.record.sql.ColumnValues.integer;
import static io.flightdeck.record.sql.ColumnValues.text;
import static io.flightdeck.record.sql.ColumnValues.utc;
import static io.flightdeck.record.sql.ColumnValues.whole;

import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@link RecordColumns#MESSAGES}. */
final class MessageColumns implements RecordColumns<MessageRecord, MessageFilter> {
  private static final List<String> NAMES =
      List.of(
          "sid",
          "account_sid",
          "status",
          "direction",
          "from_address",
          "to_address",
          "body",
          "messaging_service_sid",
          "num_media",
          "num_segments",
          "error_code",
          "error_message",
          "price",
          "price_unit",
          "date_sent",
          "date_created",
          "date_updated",
          "version");

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public Object[] values(MessageRecord m) {
    return new Object[] {
      m.sid(),
      m.accountSid(),
      m.status().wireName(),
      m.direction(),
      m.from(),
      m.to(),
      m.body(),
      m.messagingServiceSid(),
      m.numMedia(),
      m.numSegments(),
      m.errorCode(),
      m.errorMessage(),
      m.price(),
      m.priceUnit(),
      utc(m.dateSent()),
      utc(m.dateCreated()),
      utc(m.dateUpdated()),
      m.version()
    };
  }

  @Override
  public MessageRecord read(Function<String, Object> r) {
    return new MessageRecord(
        text(r, "sid"),
        text(r, "account_sid"),
        MessageStatus.parse(text(r, "status")),
        text(r, "direction"),
        text(r, "from_address"),
        text(r, "to_address"),
        text(r, "body"),
        text(r, "messaging_service_sid"),
        text(r, "num_media"),
        text(r, "num_segments"),
        integer(r, "error_code"),
        text(r, "error_message"),
        text(r, "price"),
        text(r, "price_unit"),
        instant(r, "date_sent"),
        instant(r, "date_created"),
        instant(r, "date_updated"),
        whole(r, "version"));
  }

  @Override
  public ListQuery filtered(ListQuery query, MessageFilter filter) {
    return query
        .equal("to_address", filter.to())
        .equal("from_address", filter.from())
        .within("date_sent", filter.dateSent());
  }

  @Override
  public ListQuery filteredBy(ListQuery query, Map<String, String> parameters) {
    return filtered(query, MessageFilter.fromQuery(parameters::get));
  }
}
