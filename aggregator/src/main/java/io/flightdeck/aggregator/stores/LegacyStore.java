package io.flightdeck.aggregator.stores;

import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.sql.ListQuery;
import io.flightdeck.record.v2010.ListedRecord;
import io.flightdeck.record.v2010.PublicLines;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The legacy combined store as a {@link RecordSource}: one table with every call and message in
 * every state ({@code db/legacy/V1__records.sql}, migrated at start-up), read directly by keyset
 * queries that use its per-filter indexes. Lists and gets answer exactly what the split path
 * answers for the same records. A failing database is a 503, as a failing store service is. A row
 * that is no record the public API can show is skipped ({@link SkippedRecords}), and a list reads
 * on past it ({@link FullPages}).
 */
@ApplicationScoped
public class LegacyStore implements RecordSource {
  static final String LEGACY = "legacy";

  private final Pool pool;
  private final StoreTimer timer;
  private final SkippedRecords skipped;

  public LegacyStore(@ReactiveDataSource(LEGACY) Pool pool, MeterRegistry metrics) {
    this.pool = pool;
    this.timer = new StoreTimer(metrics);
    this.skipped = new SkippedRecords(metrics);
  }

  @Override
  public Uni<Merge.Page> page(
      RecordReads<?> reads,
      String accountSid,
      Map<String, String> filter,
      Optional<ListPosition> after,
      int size) {
    return page(reads.legacy(), reads, accountSid, filter, after, size);
  }

  private <R extends LifecycleRecord> Uni<Merge.Page> page(
      LegacyTable<R> table,
      RecordReads<?> reads,
      String accountSid,
      Map<String, String> filter,
      Optional<ListPosition> after,
      int size) {
    FullPages.Read<ListedRecord> list =
        (from, limit) -> {
          ListQuery query =
              table
                  .columns()
                  .filteredBy(ListQuery.ofAccount(accountSid), filter)
                  .equal("kind", Optional.of(table.kind()))
                  .after(from)
                  .limit(limit);
          String sql = select(table) + query.whereAndOrder();
          return read(reads, "list", sql, Tuple.from(query.parameters()))
              .map(rows -> entries(table, reads, rows, PublicLines::listed));
        };
    return FullPages.read(list, after, size + 1)
        .map(records -> Merge.page(records, List.of(), size));
  }

  @Override
  public <R extends LifecycleRecord> Uni<Optional<R>> get(
      RecordReads<R> reads, String accountSid, String sid) {
    LegacyTable<R> table = reads.legacy();
    String sql = select(table) + " WHERE sid = ? AND account_sid = ? AND kind = ?";
    return read(reads, "get", sql, Tuple.of(sid, accountSid, table.kind()))
        .map(
            rows ->
                entries(table, reads, rows, record -> record).stream()
                    .flatMap(e -> e.record().stream())
                    .findFirst());
  }

  private Uni<RowSet<Row>> read(
      RecordReads<?> reads, String operation, String sql, Tuple arguments) {
    return timer
        .timed(LEGACY, reads, operation, () -> pool.preparedQuery(sql).execute(arguments))
        .onFailure()
        .transform(e -> new DependencyUnreachableException("the legacy store", e));
  }

  private static String select(LegacyTable<?> table) {
    return "SELECT " + String.join(", ", table.columns().names()) + " FROM records";
  }

  /**
   * Each row as a record ({@code as}: the record itself, or as a public list shows it), or skipped
   * when it is none the public API can show, with its place in the list.
   */
  private <R extends LifecycleRecord, T> List<FullPages.Entry<T>> entries(
      LegacyTable<R> table, RecordReads<?> reads, RowSet<Row> rows, Function<R, T> as) {
    List<FullPages.Entry<T>> entries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      String sid = row.getString("sid");
      LocalDateTime created = row.getLocalDateTime("date_created"); // null for 0000-00-00
      Optional<ListPosition> position =
          Optional.ofNullable(created).map(c -> new ListPosition(c.toInstant(ZoneOffset.UTC), sid));
      Optional<T> record;
      try {
        record = skipped.showable(LEGACY, reads, table.columns().read(row::getValue)).map(as);
      } catch (RuntimeException e) {
        record = skipped.unreadable(LEGACY, reads, sid, e);
      }
      entries.add(new FullPages.Entry<>(record, position));
    }
    return entries;
  }
}
