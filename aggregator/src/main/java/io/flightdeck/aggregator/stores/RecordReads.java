package io.flightdeck.aggregator.stores;

import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.SidKind;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * How the stores are read for one public resource: its name in URIs ({@code Calls}), the kind of
 * Sid its records have, the calls of {@link StoreApi} that list and get them, and how its records
 * lie in the legacy combined store. The rest of the read path (both stores, merge, paging, tokens)
 * is the same for every resource.
 */
public record RecordReads<R extends LifecycleRecord>(
    String resource, SidKind sidKind, Lister lister, Getter<R> getter, LegacyTable<R> legacy) {
  public static final RecordReads<CallRecord> CALLS =
      new RecordReads<>(
          "Calls", SidKind.CALL, StoreApi::listCalls, StoreApi::getCall, LegacyTable.CALLS);
  public static final RecordReads<MessageRecord> MESSAGES =
      new RecordReads<>(
          "Messages",
          SidKind.MESSAGE,
          StoreApi::listMessages,
          StoreApi::getMessage,
          LegacyTable.MESSAGES);

  /** One list request to one store; the answer is {@code PublicLines}. */
  public interface Lister {
    Uni<byte[]> list(StoreApi store, String accountSid, Map<String, String> query);
  }

  /** One get request to one store; fails with a 404 when the store lacks the record. */
  public interface Getter<R> {
    Uni<R> get(StoreApi store, String accountSid, String sid);
  }
}
