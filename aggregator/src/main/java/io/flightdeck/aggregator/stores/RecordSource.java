package io.flightdeck.aggregator.stores;

import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Optional;

/**
 * Where a read path finds an account's records: the split stores ({@link Stores}) or the legacy
 * combined store ({@link LegacyStore}). Both answer in the same terms, so paging, tokens and the
 * public format are the same whichever path serves: a list page holds each record in its public
 * form ({@code ListedRecord}), a get the record itself.
 */
public interface RecordSource {
  /**
   * The {@code size} records after {@code after} in list order (date created desc, Sid desc) that
   * match the filter, and whether more follow.
   *
   * @param filter the list's filter in its internal query form ({@code CallFilter.toQuery()})
   */
  Uni<Merge.Page> page(
      RecordReads<?> reads,
      String accountSid,
      Map<String, String> filter,
      Optional<ListPosition> after,
      int size);

  /** The account's record {@code sid}, if this source has it. */
  <R extends LifecycleRecord> Uni<Optional<R>> get(
      RecordReads<R> reads, String accountSid, String sid);
}
