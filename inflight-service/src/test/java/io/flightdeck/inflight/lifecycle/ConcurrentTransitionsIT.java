package io.flightdeck.inflight.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.StoredRows;
import io.flightdeck.inflight.TopicRecords;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Producers moving many calls at once, as group commit sees them: every 200 is in MariaDB, every
 * completion's event is published, and calls racing with themselves end moved exactly once.
 */
@QuarkusTest
@WithRealServers
class ConcurrentTransitionsIT {
  private static final int CALLS = 32;

  private final String account = Producer.newAccount();
  private final ExecutorService producers = Executors.newFixedThreadPool(CALLS);

  @AfterEach
  void stopProducers() {
    producers.shutdownNow();
  }

  @Test
  void everyAcknowledgedTransitionIsStoredAndEveryCompletionPublished() {
    List<String> calls =
        IntStream.range(0, CALLS).mapToObj(i -> Producer.createCall(account)).toList();

    atOnce(calls, sid -> Producer.move(account, sid, "{\"status\": \"ringing\"}").statusCode(200));
    calls.forEach(
        sid -> assertThat(StoredRows.live(sid)).contains(new StoredRows.Live("ringing", 2)));

    atOnce(
        calls,
        sid ->
            Producer.move(account, sid, "{\"status\": \"completed\", \"duration\": \"7\"}")
                .statusCode(200)
                .body("version", equalTo(3))
                .body("duration", equalTo("7")));
    calls.forEach(
        sid -> assertThat(StoredRows.live(sid)).contains(new StoredRows.Live("completed", 3)));
    List<String> published =
        TopicRecords.completedOf(account, CALLS).stream()
            .map(event -> CompletedRecordEvents.readCallCompleted(event.value()))
            .map(CallRecord::sid)
            .toList();
    assertThat(published).containsExactlyInAnyOrderElementsOf(calls);
  }

  @Test
  void oneCallMovedByManyProducersAtOnceMovesOnceAndAnswersEveryoneWithIt() {
    String sid = Producer.createCall(account);
    List<String> sameCall = IntStream.range(0, 8).mapToObj(i -> sid).toList();

    atOnce(
        sameCall,
        call ->
            Producer.move(account, call, "{\"status\": \"ringing\"}")
                .statusCode(200)
                .body("status", equalTo("ringing"))
                .body("version", equalTo(2)));

    assertThat(StoredRows.live(sid)).contains(new StoredRows.Live("ringing", 2));
  }

  @Test
  void aRefusedMoveAmongManyLeavesTheOthersApplied() {
    List<String> calls = IntStream.range(0, 8).mapToObj(i -> Producer.createCall(account)).toList();
    String finished = calls.get(0);
    Producer.move(account, finished, "{\"status\": \"canceled\"}").statusCode(200);

    atOnce(
        calls,
        sid ->
            Producer.move(account, sid, "{\"status\": \"ringing\"}")
                .statusCode(sid.equals(finished) ? 409 : 200));

    assertThat(StoredRows.live(finished)).contains(new StoredRows.Live("canceled", 2));
    calls.stream()
        .skip(1)
        .forEach(
            sid -> assertThat(StoredRows.live(sid)).contains(new StoredRows.Live("ringing", 2)));
  }

  /** Runs one request per item, all at once, and waits for every answer. */
  private void atOnce(List<String> items, Function<String, Object> request) {
    CompletableFuture.allOf(
            items.stream()
                .map(item -> CompletableFuture.supplyAsync(() -> request.apply(item), producers))
                .toArray(CompletableFuture[]::new))
        .join();
  }
}
