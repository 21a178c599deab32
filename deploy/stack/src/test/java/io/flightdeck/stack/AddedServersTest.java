package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.servers.ServerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards added by {@code shard add} and replicas added by {@code replica add} stay part of the
 * stack: {@code up}, {@code down}, {@code status}.
 */
class AddedServersTest {
  @TempDir Path state;

  @Test
  void anAddedShardIsRememberedOnceAndTheStackIncludesItsServer() {
    AddedServers.in(state).addShard("shard-2");
    AddedServers.in(state).addShard("shard-2");
    AddedServers.in(state).addShard("shard-3");

    assertThat(AddedServers.in(state).names()).containsExactly("shard-2", "shard-3");
    LocalStack stack = LocalStack.of(Path.of("."), state, StackPorts.defaults());
    assertThat(stack.status())
        .extracting(ServerStatus::name)
        .contains("mariadb-shard-0", "mariadb-shard-1", "mariadb-shard-2", "mariadb-shard-3");
  }

  @Test
  void aReplicaIsRememberedWithItsShardAndTheStackIncludesItsServer() {
    AddedServers.in(state).addShard("shard-2");
    AddedServers.in(state).addReplica("shard-0-replica-1", "shard-0");
    AddedServers.in(state).addReplica("shard-0-replica-1", "shard-0");
    AddedServers.in(state).addReplica("shard-2-replica-1", "shard-2");

    assertThat(AddedServers.in(state).replicasOf("shard-0")).containsExactly("shard-0-replica-1");
    assertThat(AddedServers.in(state).replicasOf("shard-2")).containsExactly("shard-2-replica-1");
    assertThat(state.resolve("added-mariadb-servers"))
        .hasContent(
            "shard-2\nshard-0-replica-1 replica-of shard-0\nshard-2-replica-1 replica-of shard-2");
    assertThat(LocalStack.of(Path.of("."), state, StackPorts.defaults()).status())
        .extracting(ServerStatus::name)
        .contains("mariadb-shard-2", "mariadb-shard-0-replica-1", "mariadb-shard-2-replica-1");
  }

  @Test
  void aNameKeepsTheRoleItWasRecordedWith() {
    AddedServers.in(state).addShard("shard-2");
    AddedServers.in(state).addReplica("shard-0-replica-1", "shard-0");

    assertThatThrownBy(() -> AddedServers.in(state).addReplica("shard-2", "shard-0"))
        .hasMessageContaining("'shard-2' is a shard of this stack already");
    assertThatThrownBy(() -> AddedServers.in(state).addReplica("shard-0-replica-1", "shard-1"))
        .hasMessageContaining("'shard-0-replica-1' is a replica of shard-0 of this stack already");
    assertThatThrownBy(() -> AddedServers.in(state).addShard("shard-0-replica-1"))
        .hasMessageContaining("is a replica of shard-0");
  }

  @Test
  void shardsRecordedByEarlierVersionsAreKept() throws Exception {
    Files.writeString(state.resolve("added-shards"), "shard-2\nshard-3\n");
    assertThat(AddedServers.in(state).names()).containsExactly("shard-2", "shard-3");

    AddedServers.in(state).addReplica("shard-2-replica-1", "shard-2");
    assertThat(AddedServers.in(state).names())
        .containsExactly("shard-2", "shard-3", "shard-2-replica-1");
    assertThat(state.resolve("added-shards")).doesNotExist();
  }

  @Test
  void aWipedStackForgetsItsAddedServers() {
    AddedServers.in(state).addShard("shard-2");
    AddedServers.in(state).addReplica("shard-0-replica-1", "shard-0");

    LocalStack.of(Path.of("."), state, StackPorts.defaults()).wipe();

    assertThat(AddedServers.in(state).names()).isEmpty();
    assertThat(LocalStack.of(Path.of("."), state, StackPorts.defaults()).status())
        .extracting(ServerStatus::name)
        .doesNotContain("mariadb-shard-2", "mariadb-shard-0-replica-1");
  }

  @Test
  void namesThatAreNoServerOrTheStacksOwnStoresAreRefused() {
    assertThatThrownBy(() -> AddedServers.in(state).addShard("Shard 2"))
        .hasMessageContaining("is not a server name");
    assertThatThrownBy(() -> AddedServers.in(state).addShard("control"))
        .hasMessageContaining("one of the stack's own stores");
    assertThatThrownBy(() -> AddedServers.in(state).addReplica("shard-1", "shard-0"))
        .hasMessageContaining("one of the stack's own stores");
    assertThatThrownBy(() -> AddedServers.in(state).addShard("inflight-0"))
        .hasMessageContaining("one of the stack's own stores");
    assertThatThrownBy(() -> AddedServers.in(state).addShard("inflight-7"))
        .hasMessageContaining("one of the stack's own stores");
    assertThat(AddedServers.in(state).names()).isEmpty();
  }
}
