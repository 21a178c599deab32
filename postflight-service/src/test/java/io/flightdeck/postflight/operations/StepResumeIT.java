package io.flightdeck.postflight.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.FreshControl;
import io.flightdeck.postflight.control.Leases;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A step run again is given the progress it stored before (on a real control database): a step that
 * works through rows goes on from there instead of from the start. A step that fails ends an
 * operation whose steps depend on each other: the later steps never run.
 */
class StepResumeIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Vertx vertx;
  private FreshControl control;
  private Operations operations;
  private OperationDriver driver;
  private final List<Optional<String>> given = Collections.synchronizedList(new ArrayList<>());

  /** One step that counts to 3, one a try, and fails (as a killed driver) until it gets there. */
  private final OperationKind kind =
      new OperationKind() {
        public String name() {
          return "test-resume";
        }

        public Uni<StepOutcome> run(StepContext step) {
          given.add(step.lastProgress());
          int counted =
              step.lastProgress()
                      .map(p -> Integer.parseInt(p.substring("counted ".length())))
                      .orElse(0)
                  + 1;
          return step.progress("counted " + counted)
              .map(
                  stored -> {
                    if (counted < 3) {
                      throw new IllegalStateException("the driver died after " + counted);
                    }
                    return new StepOutcome.Done("counted " + counted);
                  });
        }
      };

  /** Step {@code a} fails; {@code b} records that it ran. */
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  private final OperationKind failing =
      new OperationKind() {
        public String name() {
          return "test-fail";
        }

        public Uni<StepOutcome> run(StepContext step) {
          ran.add(step.step());
          return Uni.createFrom()
              .item(
                  step.step().equals("a")
                      ? new StepOutcome.Failed("a cannot succeed")
                      : new StepOutcome.Done("ran"));
        }
      };

  @BeforeEach
  void engine() {
    vertx = Vertx.vertx();
    control = FreshControl.create(vertx, "resume_it");
    Leases leases = new Leases(control.db());
    operations = new Operations(control.db(), leases);
    driver =
        TestDrivers.driver(
            operations, leases, "a", Duration.ofMillis(100), List.of(kind, failing), vertx);
  }

  @AfterEach
  void close() {
    control.close();
    vertx.closeAndAwait();
  }

  @Test
  void aStepRunAgainGoesOnFromTheProgressItStored() {
    String id = start("test-resume", List.of("count"));
    TestDrivers.driveUntil(
        driver,
        operations,
        id,
        status -> assertThat(status.status()).isEqualTo(OperationStatus.Status.COMPLETED));
    assertThat(given)
        .containsExactly(Optional.empty(), Optional.of("counted 1"), Optional.of("counted 2"));
    assertThat(operations.status(id).await().atMost(WAIT).orElseThrow().steps().get(0).progress())
        .isEqualTo("counted 3");
  }

  @Test
  void aFailedStepEndsTheOperationAndTheStepsAfterItNeverRun() {
    String id = start("test-fail", List.of("a", "b"));
    for (int drive = 0; drive < 3; drive++) {
      driver.drive(id).await().atMost(WAIT);
    }
    OperationStatus status = operations.status(id).await().atMost(WAIT).orElseThrow();
    assertThat(status.status()).isEqualTo(OperationStatus.Status.FAILED);
    assertThat(ran).containsExactly("a");
    assertThat(status.steps().get(1).state()).isEqualTo(StepState.CANCELLED);
    assertThat(status.steps().get(1).reason()).isEqualTo("not run: step a failed");
  }

  private String start(String kind, List<String> steps) {
    return operations
        .start(kind, "{}", false, steps, false, Optional.empty())
        .await()
        .atMost(WAIT)
        .id();
  }
}
