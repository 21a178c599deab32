package io.flightdeck.postflight.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.flightdeck.postflight.FreshControl;
import io.flightdeck.postflight.control.Leases;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's cancel and point of no return, on a real control database, with a kind of four steps
 * ({@code copy}, {@code move}, {@code cut} as the point of no return, {@code clean}) whose steps
 * wait until the test lets them through.
 */
class OperationCancelIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> STEPS = List.of("copy", "move", "cut", "clean");

  private Vertx vertx;
  private FreshControl control;
  private Operations operations;
  private Cancellations cancellations;
  private OperationDriver driver;
  private final Set<String> released = ConcurrentHashMap.newKeySet();
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  /** Each step waits until released; undo steps run at once. */
  private final OperationKind kind =
      new OperationKind() {
        public String name() {
          return "test-steps";
        }

        public Uni<StepOutcome> run(StepContext step) {
          if (!step.step().startsWith("undo ") && !released.contains(step.step())) {
            return Uni.createFrom().item(new StepOutcome.Waiting("held by the test"));
          }
          ran.add(step.step());
          return Uni.createFrom().item(new StepOutcome.Done("did " + step.step()));
        }

        public List<String> undo(String parameters, List<String> started) {
          List<String> undo = new ArrayList<>();
          for (int i = started.size() - 1; i >= 0; i--) {
            undo.add("undo " + started.get(i));
          }
          return undo;
        }
      };

  @BeforeEach
  void engine() {
    vertx = Vertx.vertx();
    control = FreshControl.create(vertx, "cancel_it");
    Leases leases = new Leases(control.db());
    operations = new Operations(control.db(), leases);
    cancellations = new Cancellations(control.db(), operations, List.of(kind));
    driver =
        TestDrivers.driver(operations, leases, "a", Duration.ofMillis(100), List.of(kind), vertx);
  }

  @AfterEach
  void close() {
    control.close();
    vertx.closeAndAwait();
  }

  @Test
  void cancelBeforeThePointOfNoReturnStopsTheRestAndUndoesWhatStartedInReverse() {
    released.add("copy");
    String id = start();
    awaitStep(id, "move", StepState.WAITING);

    OperationStatus cancelled = cancellations.cancel(id).await().atMost(WAIT).orElseThrow();
    assertThat(cancelled.cancelledAt()).isNotNull();
    assertThat(cancelled.steps())
        .extracting(OperationStatus.StepStatus::name, OperationStatus.StepStatus::state)
        .containsExactly(
            tuple("copy", StepState.DONE),
            tuple("move", StepState.CANCELLED),
            tuple("cut", StepState.CANCELLED),
            tuple("clean", StepState.CANCELLED),
            tuple("undo move", StepState.PENDING),
            tuple("undo copy", StepState.PENDING));

    released.addAll(STEPS);
    OperationStatus done = awaitStatus(id, OperationStatus.Status.CANCELLED);
    assertThat(ran).containsExactly("copy", "undo move", "undo copy");
    assertThat(done.summary()).startsWith("cancelled; ");
    assertThat(done.pastPointOfNoReturn()).isFalse();
    assertThatThrownBy(() -> cancellations.cancel(id).await().atMost(WAIT))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("cancelled already");
  }

  @Test
  void onceThePointOfNoReturnHasStartedCancelIsRefusedAndNothingChanges() {
    released.addAll(List.of("copy", "move"));
    String id = start();
    awaitStep(id, "cut", StepState.WAITING);
    OperationStatus before = operations.status(id).await().atMost(WAIT).orElseThrow();
    assertThat(before.pointOfNoReturn()).isEqualTo("cut");
    assertThat(before.pastPointOfNoReturn()).isTrue();

    assertThatThrownBy(() -> cancellations.cancel(id).await().atMost(WAIT))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("past its point of no return (step cut has started)");
    assertThat(operations.status(id).await().atMost(WAIT).orElseThrow().cancelledAt()).isNull();

    released.addAll(STEPS);
    awaitStatus(id, OperationStatus.Status.COMPLETED);
    assertThat(ran).containsExactly("copy", "move", "cut", "clean");
    assertThatThrownBy(() -> cancellations.cancel(id).await().atMost(WAIT))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("is finished");
  }

  @Test
  void anUnknownOperationIsNotFound() {
    assertThat(cancellations.cancel("OPnone").await().atMost(WAIT)).isEmpty();
  }

  private String start() {
    return operations
        .start("test-steps", "{}", false, STEPS, false, Optional.of("cut"))
        .await()
        .atMost(WAIT)
        .id();
  }

  private void awaitStep(String id, String step, StepState state) {
    TestDrivers.driveUntil(
        driver,
        operations,
        id,
        status ->
            assertThat(
                    status.steps().stream()
                        .filter(s -> s.name().equals(step))
                        .findFirst()
                        .orElseThrow()
                        .state())
                .as("%s", status)
                .isEqualTo(state));
  }

  private OperationStatus awaitStatus(String id, OperationStatus.Status expected) {
    return TestDrivers.driveUntil(
        driver,
        operations,
        id,
        status -> assertThat(status.status()).as("%s", status).isEqualTo(expected));
  }
}
