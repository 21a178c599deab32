package io.flightdeck.postflight.store;

import io.flightdeck.record.ListPosition;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.SidKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The post-flight messages table of one shard, on the same terms as {@link CallStore}. */
@Singleton
public class MessageStore extends RecordTable<MessageRecord> {
  public MessageStore(MeterRegistry metrics) {
    super(
        "messages",
        SidKind.MESSAGE,
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
            "version"),
        metrics);
  }

  /**
   * Up to {@code limit} messages of the account that pass the filter, newest first, strictly after
   * {@code after}.
   */
  public Uni<List<MessageRecord>> list(
      SqlClient shard,
      String accountSid,
      MessageFilter filter,
      Optional<ListPosition> after,
      int limit) {
    return list(shard, query(accountSid, filter, after, limit));
  }

  /** The list request as SQL. */
  ListQuery query(
      String accountSid, MessageFilter filter, Optional<ListPosition> after, int limit) {
    return ListQuery.ofAccount(accountSid)
        .equal("to_address", filter.to())
        .equal("from_address", filter.from())
        .within("date_sent", filter.dateSent())
        .after(after)
        .limit(limit);
  }

  @Override
  protected Object[] values(MessageRecord m) {
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
  protected MessageRecord read(Row r) {
    return new MessageRecord(
        r.getString("sid"),
        r.getString("account_sid"),
        MessageStatus.parse(r.getString("status")),
        r.getString("direction"),
        r.getString("from_address"),
        r.getString("to_address"),
        r.getString("body"),
        r.getString("messaging_service_sid"),
        r.getString("num_media"),
        r.getString("num_segments"),
        r.getInteger("error_code"),
        r.getString("error_message"),
        r.getString("price"),
        r.getString("price_unit"),
        instant(r.getLocalDateTime("date_sent")),
        instant(r.getLocalDateTime("date_created")),
        instant(r.getLocalDateTime("date_updated")),
        r.getLong("version"));
  }
}
