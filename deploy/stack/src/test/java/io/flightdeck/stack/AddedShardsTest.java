package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.servers.ServerStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards added by {@code shard add} stay part of the stack: {@code up}, {@code down}, {@code
 * status}.
 */
class AddedShardsTest {
  @TempDir Path state;

  @Test
  void anAddedShardIsRememberedOnceAndTheStackIncludesItsServer() {
    AddedShards.in(state).add("shard-2");
    AddedShards.in(state).add("shard-2");
    AddedShards.in(state).add("shard-3");

    assertThat(AddedShards.in(state).names()).containsExactly("shard-2", "shard-3");
    LocalStack stack = LocalStack.of(Path.of("."), state, StackPorts.defaults());
    assertThat(stack.status())
        .extracting(ServerStatus::name)
        .contains("mariadb-shard-0", "mariadb-shard-1", "mariadb-shard-2", "mariadb-shard-3");
  }

  @Test
  void namesThatAreNoShardOrTheStacksOwnStoresAreRefused() {
    assertThatThrownBy(() -> AddedShards.in(state).add("Shard 2"))
        .hasMessageContaining("is not a shard name");
    assertThatThrownBy(() -> AddedShards.in(state).add("control"))
        .hasMessageContaining("one of the stack's own stores");
    assertThat(AddedShards.in(state).names()).isEmpty();
  }
}
