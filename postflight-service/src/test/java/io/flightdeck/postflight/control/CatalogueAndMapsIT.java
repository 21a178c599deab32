package io.flightdeck.postflight.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.postflight.FreshControl;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control database's stores on a real MariaDB, each test on a database of its own, each
 * "instance" a fresh set of the service's objects over it (what a restart or a second instance is).
 */
class CatalogueAndMapsIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final List<String> TWO = List.of("shard-0", "shard-1");
  private static final List<ControlDatabase> OPENED = new ArrayList<>();
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    OPENED.forEach(ControlDatabase::close);
    vertx.closeAndAwait();
  }

  @Test
  void theFirstStartSeedsTheCatalogueAndARestartReusesItWhateverTheConfigurationSays() {
    String database = FreshControl.uniqueName("control_it");
    ShardCatalogue first = instance(database).catalogue;
    assertThat(
            first
                .seedOnce(List.of(shard("shard-0", 4001), shard("shard-1", 4002)))
                .await()
                .atMost(WAIT))
        .isTrue();

    ShardCatalogue restarted = instance(database).catalogue;
    assertThat(
            restarted
                .seedOnce(List.of(shard("shard-0", 5001), shard("shard-9", 5009)))
                .await()
                .atMost(WAIT))
        .isFalse();
    List<ShardDefinition> catalogue = restarted.all().await().atMost(WAIT);
    assertThat(catalogue).extracting(ShardDefinition::id).containsExactly("shard-0", "shard-1");
    assertThat(catalogue.get(0).primary().port()).isEqualTo(4001);
    assertThat(catalogue.get(1)).isEqualTo(shard("shard-1", 4002));
  }

  @Test
  void mapsAreSeededOnceAndTwoChangesBasedOnTheSameVersionCannotBothWin() {
    String database = FreshControl.uniqueName("control_it");
    Instance one = instance(database);
    Instance two = instance(database);
    one.catalogue
        .seedOnce(List.of(shard("shard-0", 4001), shard("shard-1", 4002)))
        .await()
        .atMost(WAIT);
    assertThat(one.maps.seedOnce(MapKind.WRITE, ShardMap.evenly(TWO)).await().atMost(WAIT))
        .isTrue();
    assertThat(
            two.maps
                .seedOnce(MapKind.WRITE, ShardMap.evenly(List.of("shard-1", "shard-0")))
                .await()
                .atMost(WAIT))
        .isFalse();

    ShardMap a =
        new ShardMap(
            ShardMap.evenly(TWO).ranges(), Map.of("AC00000000000000000000000000000001", "shard-0"));
    ShardMap b =
        new ShardMap(
            ShardMap.evenly(TWO).ranges(), Map.of("AC00000000000000000000000000000001", "shard-1"));
    for (long basedOn = 1; basedOn <= 5; basedOn++) {
      List<Object> outcomes =
          Uni.join()
              .all(
                  outcome(one.maps.publish(MapKind.WRITE, basedOn, a)),
                  outcome(two.maps.publish(MapKind.WRITE, basedOn, b)))
              .andFailFast()
              .await()
              .atMost(WAIT);
      assertThat(outcomes)
          .as("outcomes %s", outcomes)
          .filteredOn(o -> o instanceof StaleMapVersionException)
          .hasSize(1);
      assertThat(one.maps.latestVersions().await().atMost(WAIT))
          .containsEntry(MapKind.WRITE, basedOn + 1);
      assertThat(two.maps.latest(MapKind.WRITE).await().atMost(WAIT).orElseThrow().map())
          .isIn(a, b);
    }
    assertThat(two.maps.load(MapKind.WRITE, 1).await().atMost(WAIT).orElseThrow().map())
        .isEqualTo(ShardMap.evenly(TWO));
  }

  @Test
  void anInvalidMapIsNotStored() {
    String database = FreshControl.uniqueName("control_it");
    Instance control = instance(database);
    control.catalogue.seedOnce(List.of(shard("shard-0", 4001))).await().atMost(WAIT);
    control.maps.seedOnce(MapKind.READ, ShardMap.evenly(List.of("shard-0"))).await().atMost(WAIT);
    assertThatThrownBy(
            () -> control.maps.publish(MapKind.READ, 1, ShardMap.evenly(TWO)).await().atMost(WAIT))
        .isInstanceOf(InvalidMapException.class)
        .hasMessageContaining(
            "range 8000000000000000-end names unknown shard 'shard-1' (known: shard-0)");
    assertThat(control.maps.history(MapKind.READ).await().atMost(WAIT))
        .extracting(ShardMapStore.Summary::version)
        .containsExactly(1L);
  }

  private static Uni<Object> outcome(Uni<?> change) {
    return change.<Object>map(v -> v).onFailure().recoverWithItem(e -> e);
  }

  private record Instance(ShardCatalogue catalogue, ShardMapStore maps) {}

  private Instance instance(String database) {
    ControlDatabase db = FreshControl.on(vertx, database).db();
    OPENED.add(db);
    ShardCatalogue catalogue = new ShardCatalogue(db);
    return new Instance(catalogue, new ShardMapStore(db, catalogue));
  }

  private static ShardDefinition shard(String id, int port) {
    return new ShardDefinition(
        id,
        new DatabaseServer("127.0.0.1", port, "flightdeck", "flightdeck", "postflight"),
        List.of(),
        4);
  }
}
