package io.flightdeck.postflight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.store.ReplicaPools.Reader;
import io.flightdeck.postflight.store.ReplicaPools.ReplicaKey;
import io.flightdeck.postflight.store.ReplicaPools.Seen;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which replica a read goes to; pools connect lazily, so no server is needed. */
class ReplicaPoolsTest {
  private static final ReplicaKey B = new ReplicaKey("shard-1", "b");
  private static final ReplicaKey C = new ReplicaKey("shard-1", "c");

  private Vertx vertx;
  private ReplicaPools replicas;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    replicas = new ReplicaPools(vertx, 1);
    replicas.open(
        new ShardDefinition(
            "shard-1",
            server(3306),
            List.of(
                new ShardReplica("b", server(3307), true),
                new ShardReplica("c", server(3308), true),
                new ShardReplica("backup", server(3309), false)),
            4,
            ShardSessions.DEFAULT));
  }

  @AfterEach
  void close() {
    replicas.closeAll();
    vertx.closeAndAwait();
  }

  @Test
  void aBackupReplicaGetsNoPool() {
    assertThat(replicas.readers("shard-1"))
        .extracting(r -> r.replica().name())
        .containsExactly("b", "c");
  }

  @Test
  void readsTakeTurnsAmongServingReplicasOnly() {
    replicas.follow(Map.of(B, serving(), C, new Seen(ServingState.CATCHING_UP, Instant.now())));
    replicas.viewRead(Instant.now(), Duration.ofSeconds(2));
    assertThat(names(4)).containsOnly("b");

    replicas.follow(Map.of(B, serving(), C, serving()));
    assertThat(names(4)).containsExactlyInAnyOrder("b", "c", "b", "c");
  }

  @Test
  void aReplicaThisInstanceFoundUnhealthyIsSkippedAtOnce() {
    replicas.follow(Map.of(B, serving()));
    replicas.viewRead(Instant.now(), Duration.ofSeconds(2));
    replicas.health(B, false);
    assertThat(replicas.forRead("shard-1")).isEmpty();
    replicas.health(B, true);
    assertThat(replicas.forRead("shard-1")).isPresent();
  }

  @Test
  void aStaleViewOfTheControlDatabaseReadsFromThePrimary() {
    replicas.follow(Map.of(B, serving()));
    replicas.viewRead(Instant.now().minusSeconds(3), Duration.ofSeconds(2));
    assertThat(replicas.forRead("shard-1")).isEmpty();
  }

  @Test
  void aReplicaNeverMarkedIsOut() {
    replicas.viewRead(Instant.now(), Duration.ofSeconds(2));
    assertThat(replicas.seen(B).state()).isEqualTo(ServingState.OUT);
    assertThat(replicas.forRead("shard-1")).isEmpty();
  }

  @Test
  void aWaitedForReplicaLeavingTheReadersIsNotedUnlessItBecameThePrimary() {
    replicas.follow(Map.of(B, serving()));
    replicas.open(
        new ShardDefinition(
            "shard-1",
            server(3307),
            List.of(new ShardReplica("a", server(3306), true)),
            4,
            ShardSessions.DEFAULT));
    assertThat(replicas.departed("shard-1")).as("b was promoted").isEmpty();

    replicas.follow(Map.of(new ReplicaKey("shard-1", "a"), serving()));
    replicas.open(
        new ShardDefinition("shard-1", server(3307), List.of(), 4, ShardSessions.DEFAULT));
    assertThat(replicas.departed("shard-1")).as("a was removed while serving").isPresent();
  }

  private List<String> names(int reads) {
    return java.util.stream.IntStream.range(0, reads)
        .mapToObj(i -> replicas.forRead("shard-1").map(Reader::replica).map(ShardReplica::name))
        .map(Optional::orElseThrow)
        .toList();
  }

  private static Seen serving() {
    return new Seen(ServingState.SERVING, Instant.now());
  }

  private static DatabaseServer server(int port) {
    return new DatabaseServer("127.0.0.1", port, "flightdeck", "flightdeck", "postflight");
  }
}
