package io.flightdeck.postflight.store;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores finished records of every kind on one shard in one transaction: when the returned Uni
 * completes, all of them are committed and visible to readers; when it fails, none of them is.
 * Idempotent: a repeated or older version of a stored record changes nothing.
 */
@ApplicationScoped
public class RecordWrites {
  private final CallStore calls;
  private final MessageStore messages;

  public RecordWrites(CallStore calls, MessageStore messages) {
    this.calls = calls;
    this.messages = messages;
  }

  public Uni<Void> store(Pool shard, List<? extends LifecycleRecord> records) {
    List<CallRecord> callRecords = new ArrayList<>();
    List<MessageRecord> messageRecords = new ArrayList<>();
    for (LifecycleRecord record : records) {
      if (record instanceof CallRecord call) {
        callRecords.add(call);
      } else if (record instanceof MessageRecord message) {
        messageRecords.add(message);
      }
    }
    return shard.withTransaction(
        connection ->
            (callRecords.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : calls.upsert(connection, callRecords))
                .chain(
                    () ->
                        messageRecords.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : messages.upsert(connection, messageRecords)));
  }
}
