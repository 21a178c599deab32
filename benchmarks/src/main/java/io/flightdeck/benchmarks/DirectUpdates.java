package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;

/**
 * The transitions of the service phase as bare single-row UPDATEs, sent by the service's driver
 * (the Vert.x reactive MySQL client) with one statement in flight per producer, each producer on
 * its own rows. A row goes through a {@link CallJourney} like a call; at the end of its rows a
 * producer starts over at its first row (its status moves on from where it is: the table has no
 * state machine), so the phase never runs out of work.
 */
final class DirectUpdates implements Workload {

  private final Vertx vertx;
  private final Pool pool;
  private final UpdateTarget target;
  private final double completedShare;
  private final List<Producer> producers = new ArrayList<>();

  /**
   * @param pool a pool on {@link UpdateTarget#database()}, one connection per producer
   * @param rows each producer's rows, as created (queued, version 1)
   */
  DirectUpdates(
      Vertx vertx,
      Pool pool,
      UpdateTarget target,
      List<List<CallRecord>> rows,
      double completedShare) {
    this.vertx = vertx;
    this.pool = pool;
    this.target = target;
    this.completedShare = completedShare;
    for (int i = 0; i < rows.size(); i++) {
      producers.add(new Producer(rows.get(i), new Random(i)));
    }
  }

  @Override
  public String name() {
    return target.phase();
  }

  /**
   * Inserts every producer's rows (producers in parallel) into the table its migrations created.
   */
  CompletionStage<Void> prepare() {
    return Future.all(producers.stream().map(this::insert).toList())
        .<Void>mapEmpty()
        .toCompletionStage();
  }

  private Future<RowSet<io.vertx.sqlclient.Row>> insert(Producer producer) {
    List<Tuple> rows =
        producer.rows.stream().map(row -> target.insertArguments(row.record)).toList();
    return pool.preparedQuery(target.insert()).executeBatch(rows);
  }

  @Override
  public CompletionStage<Void> run(Measurement measurement) {
    return Workload.all(producers, measurement, this::next).toCompletionStage();
  }

  private void next(Producer producer, Measurement measurement, Promise<Void> stopped) {
    if (!measurement.open() || producer.rows.isEmpty()) {
      stopped.tryComplete();
      return;
    }
    Row row = producer.nextRow(completedShare);
    CallRecord next = Move.to(row.journey.step(row.step)).applyTo(row.record);
    long start = System.nanoTime();
    pool.preparedQuery(target.update())
        .execute(target.updateArguments(row.record, next))
        .onComplete(
            result -> {
              if (result.succeeded() && result.result().rowCount() == 1) {
                measurement.succeeded(start);
                row.record = next;
                row.step++;
                next(producer, measurement, stopped);
                return;
              }
              if (result.succeeded()) {
                measurement.failed("no row at the expected version");
              } else {
                measurement.failed(result.cause());
              }
              // The row's state is unknown now: leave it alone, and pause briefly so a broken store
              // is not hammered.
              producer.rows.remove(row);
              vertx.setTimer(10, id -> next(producer, measurement, stopped));
            });
  }

  @Override
  public List<String> notes() {
    return List.of();
  }

  /** One producer's rows and where it is in them; touched by one operation at a time. */
  private static final class Producer {
    final List<Row> rows;
    final Random random;
    int current;

    Producer(List<CallRecord> records, Random random) {
      this.rows = new ArrayList<>(records.stream().map(Row::new).toList());
      this.random = random;
    }

    /**
     * The row to move next: the current one until its journey ends, then the next (a new journey).
     */
    Row nextRow(double completedShare) {
      Row row = rows.get(current % rows.size());
      if (row.journey != null && row.step == row.journey.length()) {
        current = (current + 1) % rows.size();
        row = rows.get(current);
        row.journey = null;
      }
      if (row.journey == null) {
        row.journey = CallJourney.draw(random, completedShare);
        row.step = 0;
      }
      return row;
    }
  }

  private static final class Row {
    CallRecord record;
    CallJourney journey;
    int step;

    Row(CallRecord record) {
      this.record = record;
    }
  }
}
