package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A list's filter applied while reading one store newest first: each record read is tested (the
 * test that decides; the nodes' rows are narrowed by the filter's conditions too, the legacy
 * query's are not), so a page of matches may take several batches. Each batch goes on from the last
 * row read (keyset), and the scan stops at {@code limit} matches or at a short batch, the store's
 * end.
 */
final class FilteredScan {
  /** Rows read per round trip while matches are looked for in rows the filter did not narrow. */
  private static final int BATCH = 200;

  private FilteredScan() {}

  /** One batch of rows, newest first, strictly after the position. */
  @FunctionalInterface
  interface Batch {
    Uni<RowSet<Row>> read(Optional<ListPosition> after, int size);
  }

  /**
   * This store's page of the list from rows its query already narrowed by the filter's conditions
   * (the nodes' live rows): nearly every row read is a match, so a batch is the page's size, and a
   * page takes one round trip unless the record's test drops a row.
   */
  static <R extends LifecycleRecord> Uni<List<R>> narrowed(
      Batch batch, Function<Row, R> record, LiveList<R> list) {
    return page(batch, record, list, list.limit());
  }

  /**
   * This store's page of the list from rows its query did not narrow (the legacy store's live
   * rows): its first records after the position that pass the filter, newest first, read {@link
   * #BATCH} rows at a time; fewer than the limit when the store has no more.
   */
  static <R extends LifecycleRecord> Uni<List<R>> tested(
      Batch batch, Function<Row, R> record, LiveList<R> list) {
    return page(batch, record, list, Math.max(list.limit(), BATCH));
  }

  private static <R extends LifecycleRecord> Uni<List<R>> page(
      Batch batch, Function<Row, R> record, LiveList<R> list, int rowsPerBatch) {
    return scan(
        batch,
        record,
        list.after(),
        list.filter().test(),
        list.limit(),
        rowsPerBatch,
        new ArrayList<>());
  }

  private static <R extends LifecycleRecord> Uni<List<R>> scan(
      Batch batch,
      Function<Row, R> record,
      Optional<ListPosition> after,
      Predicate<R> filter,
      int limit,
      int size,
      List<R> found) {
    return batch
        .read(after, size)
        .flatMap(
            rows -> {
              R last = null;
              for (Row row : rows) {
                last = record.apply(row);
                if (filter.test(last)) {
                  found.add(last);
                  if (found.size() == limit) {
                    return Uni.createFrom().item(found);
                  }
                }
              }
              if (rows.size() < size) {
                return Uni.createFrom().item(found);
              }
              return scan(
                  batch, record, Optional.of(ListPosition.of(last)), filter, limit, size, found);
            });
  }
}
