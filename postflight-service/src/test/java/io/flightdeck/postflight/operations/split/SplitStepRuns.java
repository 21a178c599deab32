package io.flightdeck.postflight.operations.split;

import static io.flightdeck.postflight.TestCallers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.servers.testing.TestServers;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A split's steps run one at a time as the engine runs them, without the driver: what the split
 * step tests share. Each test says how a step's progress is kept and which one a step resumes from.
 */
final class SplitStepRuns {
  static final Duration WAIT = Duration.ofSeconds(60);

  private SplitStepRuns() {}

  /**
   * One run of the step: a step that fails (a lock wait, a server away) is waiting, and is tried
   * again, as the engine does.
   */
  static StepOutcome run(ShardSplit split, StepContext context) {
    return split
        .run(context)
        .onFailure()
        .recoverWithItem(e -> new StepOutcome.Waiting(String.valueOf(e.getMessage())))
        .await()
        .atMost(WAIT);
  }

  /** Runs again every half second until the step no longer waits. */
  static StepOutcome untilSettled(Supplier<StepOutcome> run) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(run::get, outcome -> !(outcome instanceof StepOutcome.Waiting));
  }

  /**
   * A target, added to the catalogue, cloned from the source and caught up: it replicates the
   * source, ready for the moves.
   */
  static void replicatingTarget(String target, Function<String, StepOutcome> run) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                operator()
                        .get("/admin/v1/Shards")
                        .then()
                        .extract()
                        .path("find { it.id == '" + target + "' }.id")
                    != null);
    assertThat(untilSettled(() -> run.apply("clone"))).isInstanceOf(StepOutcome.Done.class);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> run.apply("catch-up") instanceof StepOutcome.Done);
  }

  /**
   * The undo of moved maps (writes back, then reads, then the copy dropped), and ids one apart
   * again on both servers.
   */
  static void movesUndone(Function<String, StepOutcome> run) {
    for (String step : List.of("restore-writes", "restore-reads", "drop-copy")) {
      await().atMost(WAIT).until(() -> run.apply(step) instanceof StepOutcome.Done);
    }
    for (String shard : List.of("shard-0", "shard-1")) {
      TestServers.servers()
          .mariaDb(shard)
          .sql("SET GLOBAL auto_increment_increment = 1, auto_increment_offset = 1");
    }
  }

  /** A step's context whose progress is added to {@code progress}, at its first attempt. */
  static StepContext context(
      String operationId, String step, String parameters, List<String> progress) {
    return context(
        operationId,
        step,
        parameters,
        text -> {
          progress.add(text);
          return Uni.createFrom().voidItem();
        },
        Optional::empty);
  }

  static StepContext context(
      String operationId,
      String step,
      String parameters,
      Function<String, Uni<Void>> progress,
      Supplier<Optional<String>> lastProgress) {
    return new StepContext() {
      public String operationId() {
        return operationId;
      }

      public String step() {
        return step;
      }

      public String parameters() {
        return parameters;
      }

      public boolean dryRun() {
        return false;
      }

      public Uni<Void> progress(String text) {
        return progress.apply(text);
      }

      public Optional<String> lastProgress() {
        return lastProgress.get();
      }
    };
  }
}
