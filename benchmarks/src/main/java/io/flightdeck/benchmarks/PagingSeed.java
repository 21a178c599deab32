package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.RecordColumns;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The account the paging benchmark reads: finished calls written straight into post-flight's {@code
 * calls} table on the account's shard (the rows postflight-service's own upsert writes: the same
 * columns, by record-contract's {@link RecordColumns}, a completed call's values), and live calls
 * created and moved to in progress through inflight-service's API, as producers make them.
 *
 * <p>Finished calls are days old (one every 10 s, ending an hour before the run), live calls are
 * new: the list's first page is the live calls, every later page finished ones.
 */
final class PagingSeed {

  private static final int ROWS_PER_INSERT = 1000;
  private static final RecordColumns<CallRecord, ?> COLUMNS = RecordColumns.CALLS;

  private PagingSeed() {}

  /**
   * Inserts {@code count} completed calls of the account into the shard's {@code calls}, a thousand
   * rows a statement.
   */
  static void finishedCalls(Pool shard, String account, int count) throws Exception {
    Instant newest = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.HOURS);
    String row = "(" + String.join(", ", Collections.nCopies(COLUMNS.names().size(), "?")) + ")";
    for (int first = 0; first < count; first += ROWS_PER_INSERT) {
      int rows = Math.min(ROWS_PER_INSERT, count - first);
      List<Object> values = new ArrayList<>(rows * COLUMNS.names().size());
      for (int i = first; i < first + rows; i++) {
        Instant created = newest.minusSeconds(10L * i);
        CallRecord queued =
            BenchmarkCall.number(account, i).queued(Sid.mint(SidKind.CALL).value(), created);
        CallRecord finished =
            COLUMNS.with(
                queued,
                Map.of(
                    "status",
                    "completed",
                    "start_time",
                    ColumnValues.utc(created.plusSeconds(2)),
                    "end_time",
                    ColumnValues.utc(created.plusSeconds(44)),
                    "duration",
                    "42",
                    "price",
                    "-0.0140",
                    "price_unit",
                    "USD",
                    "date_updated",
                    ColumnValues.utc(created.plusSeconds(45)),
                    "version",
                    5L));
        values.addAll(Arrays.asList(COLUMNS.values(finished)));
      }
      String insert =
          "INSERT INTO calls ("
              + String.join(", ", COLUMNS.names())
              + ") VALUES "
              + String.join(", ", Collections.nCopies(rows, row));
      shard
          .preparedQuery(insert)
          .execute(Tuple.from(values))
          .toCompletionStage()
          .toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Creates {@code count} calls of the account through inflight-service and moves each to in
   * progress.
   */
  static void liveCalls(ServiceClient inflight, String account, int count, int concurrency)
      throws Exception {
    ExecutorService producers = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        BenchmarkCall call = BenchmarkCall.number(account, i);
        created.add(
            producers.submit(
                () -> {
                  String calls = "/internal/v1/Accounts/" + account + "/Calls";
                  String sid =
                      inflight.postJson(calls, call.createJson(), 201).path("sid").asText();
                  inflight.postJson(
                      calls + "/" + sid + "/Transitions", "{\"status\":\"in-progress\"}", 200);
                  return null;
                }));
      }
      for (Future<?> call : created) {
        call.get(5, TimeUnit.MINUTES);
      }
    } finally {
      producers.shutdownNow();
    }
  }
}
