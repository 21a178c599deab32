package io.flightdeck.postflight.store;

import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.sql.RecordColumns;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** The post-flight messages table of one shard, on the same terms as {@link CallStore}. */
@Singleton
public class MessageStore extends RecordTable<MessageRecord, MessageFilter> {
  public MessageStore(MeterRegistry metrics) {
    super("messages", SidKind.MESSAGE, RecordColumns.MESSAGES, metrics);
  }
}
