package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.TestShards;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deletion's throttle on a shard's replicas: a replica (a schema on shard-0's MariaDB that
 * replicates the service's shard-1) that has applied the primary's writes lets it go on; one whose
 * replication stopped holds it, until replication runs again.
 */
@QuarkusTest
@WithRealServers
class ReplicaLagIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration MAX_LAG = Duration.ofSeconds(1);
  private final String replica = "lag-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String database = "postflight_lag_" + UUID.randomUUID().toString().substring(0, 8);
  private final String account = "AC" + UUID.randomUUID().toString().replace("-", "");
  private ReplicationLink link;

  @Inject ShardCatalogue catalogue;
  @Inject Shards shards;

  @BeforeEach
  void aReplicaOfShard1() {
    TestShards.add(replica, "shard-0", database, 1);
    await().atMost(WAIT).until(() -> shards.migrated(replica));
    link = new ReplicationLink(replica, definition("shard-1").primary(), replicaServer());
    onBoth(
            (source, copy) ->
                source
                    .query("SELECT @@gtid_binlog_pos")
                    .execute()
                    .map(rows -> rows.iterator().next().getString(0))
                    .chain(position -> link.startFrom(copy, position))
                    .replaceWith(Optional.<String>empty()))
        .await()
        .atMost(WAIT);
  }

  @AfterEach
  void replicaRemoved() {
    shards.withPool(definition(replica), link::removed).await().atMost(WAIT);
    TestShards.remove(replica);
  }

  @Test
  void aReplicaThatKeepsUpLetsTheDeletionGoOnAndAStoppedOneHoldsIt() {
    insertCall();
    await().atMost(WAIT).until(() -> behind().isEmpty());

    TestServers.servers().mariaDb("shard-0").sql("STOP SLAVE '" + link.name() + "'");
    insertCall();
    assertThat(behind())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "shard-1 replica %s:%d lags more than 1000 ms behind its primary"
                            .formatted(replicaServer().host(), replicaServer().port())));

    TestServers.servers().mariaDb("shard-0").sql("START SLAVE '" + link.name() + "'");
    await().atMost(WAIT).until(() -> behind().isEmpty());
  }

  /** What the throttle says of shard-1 with the replica recorded as its replica. */
  private Optional<String> behind() {
    ShardDefinition source = definition("shard-1");
    ShardDefinition withReplica =
        new ShardDefinition(
            source.id(), source.primary(), List.of(replicaServer()), source.poolSize());
    return shards
        .withPool(
            source,
            pool ->
                ReplicaLag.withReplicas(
                    shards, withReplica, replicas -> ReplicaLag.behind(pool, replicas, MAX_LAG)))
        .await()
        .atMost(WAIT);
  }

  private Uni<Optional<String>> onBoth(BiFunction<Pool, Pool, Uni<Optional<String>>> work) {
    return shards.withPool(
        definition("shard-1"),
        source -> shards.withPool(definition(replica), copy -> work.apply(source, copy)));
  }

  private DatabaseServer replicaServer() {
    return definition(replica).primary();
  }

  private ShardDefinition definition(String id) {
    return catalogue.all().await().atMost(WAIT).stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private void insertCall() {
    String schema = definition("shard-1").primary().database();
    TestServers.servers()
        .mariaDb("shard-1")
        .sql(
            ("INSERT INTO %s.calls (sid, account_sid, status, date_created, date_updated, version)"
                    + " VALUES (CONCAT('CA', SUBSTRING('%s', 3, 8), LPAD(FLOOR(RAND() * 1e9), 24,"
                    + " '0')), '%s', 'completed', '2026-01-01', '2026-01-01', 1)")
                .formatted(schema, account, account));
  }
}
