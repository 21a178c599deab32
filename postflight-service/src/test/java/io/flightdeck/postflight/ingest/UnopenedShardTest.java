package io.flightdeck.postflight.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.postflight.CompletedCalls;
import io.flightdeck.postflight.ingest.StorableRecords.Unopened;
import io.flightdeck.postflight.ingest.StorableRecords.Unstorable;
import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.mutiny.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shard added to the catalogue a moment ago: the write map may name it before this instance has
 * opened its pool. Its events wait (retry topic); they are never dead-lettered as unroutable.
 */
class UnopenedShardTest {
  private final Vertx vertx = Vertx.vertx();
  private final Routing routing = new Routing(new Shards(vertx));

  @AfterEach
  void close() {
    vertx.closeAndAwait();
  }

  @Test
  void anEventForAShardWithoutAPoolYetWaitsInsteadOfBeingDeadLettered() {
    routing.apply(
        new MapVersion(
            MapKind.WRITE,
            1,
            Instant.now(),
            new ShardMap(
                List.of(new ShardMap.Assignment(new KeyRange(0, 0), "shard-2")), Map.of())));

    StorableRecords.Arrival arrival = StorableRecords.arrive(event(), routing);

    assertThat(arrival).isInstanceOf(Unopened.class);
    assertThat(((Unopened) arrival).shard()).isEqualTo("shard-2");
  }

  @Test
  void anEventBeforeAnyWriteMapIsStillUnroutable() {
    assertThat(StorableRecords.arrive(event(), routing)).isInstanceOf(Unstorable.class);
  }

  private static KafkaRecord<String, byte[]> event() {
    CallRecord call = CompletedCalls.of(Sid.mint(SidKind.ACCOUNT).value());
    return KafkaRecord.of(call.accountSid(), CompletedRecordEvents.completed(call));
  }
}
