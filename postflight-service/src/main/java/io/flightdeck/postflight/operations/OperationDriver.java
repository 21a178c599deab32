package io.flightdeck.postflight.operations;

import io.flightdeck.postflight.control.InstanceId;
import io.flightdeck.postflight.control.Leases;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The engine that moves every long operation forward, whatever its kind. Every instance looks for
 * unfinished operations each {@link OperationsConfig#driveInterval()}; for each, the one instance
 * that holds (or takes) its lease in the control database runs its steps in order through the
 * operation's {@link OperationKind}, recording each step's start and end before and after the work.
 *
 * <p>Resumable by construction: nothing is kept in memory between steps. A driver killed mid-step
 * stops renewing its lease; once the lease expires another instance (or this one restarted) takes
 * it and runs the step that was {@code running} again. A step that has to wait is tried again after
 * {@link OperationsConfig#retryDelay()}; with independent steps the others go on meanwhile, and the
 * steps that are done stay done. A step that fails ends an operation whose steps depend on each
 * other: the steps after it are cancelled, never run.
 */
@ApplicationScoped
public class OperationDriver {
  private static final Logger LOG = Logger.getLogger(OperationDriver.class);

  /** What a step that was cancelled before it could start "ends" with: it did not run. */
  private static final StepOutcome CANCELLED = new StepOutcome.Failed("cancelled");

  private final Operations operations;
  private final Leases leases;
  private final InstanceId me;
  private final OperationsConfig config;
  private final Map<String, OperationKind> kinds;
  private final Vertx vertx;
  private final Clock clock;
  private final Set<String> driving = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean looking = new AtomicBoolean();
  private volatile long timer = -1;

  @Inject
  public OperationDriver(
      Operations operations,
      Leases leases,
      InstanceId me,
      OperationsConfig config,
      @Any Instance<OperationKind> kinds,
      Vertx vertx,
      Clock clock) {
    this(operations, leases, me, config, kinds.stream().toList(), vertx, clock);
  }

  public OperationDriver(
      Operations operations,
      Leases leases,
      InstanceId me,
      OperationsConfig config,
      List<OperationKind> kinds,
      Vertx vertx,
      Clock clock) {
    this.operations = operations;
    this.leases = leases;
    this.me = me;
    this.config = config;
    this.kinds = kinds.stream().collect(Collectors.toMap(OperationKind::name, Function.identity()));
    this.vertx = vertx;
    this.clock = clock;
  }

  void start(@Observes StartupEvent event) {
    timer = vertx.setPeriodic(config.driveInterval().toMillis(), id -> lookForWork());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Starts driving an operation now rather than at the next look (after it was stored). */
  public void kick(String id) {
    drive(id)
        .subscribe()
        .with(done -> {}, e -> LOG.warnf("operation %s: driving failed (%s)", id, e.toString()));
  }

  private void lookForWork() {
    if (!looking.compareAndSet(false, true)) {
      return;
    }
    operations
        .unfinishedIds()
        .invoke(
            ids ->
                ids.forEach(
                    id -> {
                      if (driving.contains(id)) {
                        // A long step is running here: keep the lease, so nobody else starts the
                        // same step.
                        leases
                            .acquire(Operations.lease(id), me.value(), config.lease())
                            .subscribe()
                            .with(held -> {}, e -> {});
                      } else {
                        kick(id);
                      }
                    }))
        .eventually(() -> looking.set(false))
        .subscribe()
        .with(ids -> {}, e -> LOG.debugf("looking for operations failed: %s", e));
  }

  /**
   * Runs the operation's steps that can run now, if this instance holds or takes its lease; returns
   * when none can (all done, or waiting). Does nothing when this instance is driving it already.
   */
  public Uni<Void> drive(String id) {
    if (!driving.add(id)) {
      return Uni.createFrom().voidItem();
    }
    return leases
        .acquire(Operations.lease(id), me.value(), config.lease())
        .chain(
            held ->
                held
                    ? operations.load(id)
                    : Uni.createFrom().item(java.util.Optional.<Operations.Stored>empty()))
        .chain(stored -> stored.map(op -> runFrom(op, 0)).orElse(Uni.createFrom().voidItem()))
        .eventually(() -> driving.remove(id));
  }

  private Uni<Void> runFrom(Operations.Stored op, int ordinal) {
    if (ordinal == op.steps().size()) {
      // A cancellation may have appended the steps that undo the operation meanwhile.
      return operations
          .load(op.id())
          .chain(
              now ->
                  now.isPresent() && now.get().steps().size() > op.steps().size()
                      ? runFrom(now.get(), ordinal)
                      : finishedOrKept(op.id()));
    }
    OperationStatus.StepStatus step = op.steps().get(ordinal);
    if (step.state() == StepState.FAILED && !op.independentSteps()) {
      return stopped(op, step);
    }
    if (step.state().finished()) {
      return runFrom(op, ordinal + 1);
    }
    boolean dueAgain =
        step.state() != StepState.WAITING
            || !step.updatedAt().plus(config.retryDelay()).isAfter(Instant.now(clock));
    OperationKind kind = kinds.get(op.kind());
    if (kind == null) {
      // An instance of another version (a rolling upgrade): leave the operation to one that knows
      // it.
      LOG.warnf(
          "operation %s: this instance does not know the kind %s; leaving it to another",
          op.id(), op.kind());
      return leases.release(Operations.lease(op.id()), me.value());
    }
    if (!dueAgain) {
      return op.independentSteps() ? runFrom(op, ordinal + 1) : Uni.createFrom().voidItem();
    }
    return run(op, ordinal, step, kind)
        .chain(
            outcome ->
                outcome == CANCELLED
                    ? operations
                        .load(op.id())
                        .chain(
                            now -> now.map(o -> runFrom(o, 0)).orElse(Uni.createFrom().voidItem()))
                    : outcome instanceof StepOutcome.Failed && !op.independentSteps()
                        ? stopped(op, step)
                        : outcome instanceof StepOutcome.Done || op.independentSteps()
                            ? runFrom(op, ordinal + 1)
                            : Uni.createFrom().voidItem());
  }

  /**
   * A step of an operation whose steps depend on each other failed: the steps after it never run
   * (each later pending step is cancelled, saying why), so the operation ends as failed.
   */
  private Uni<Void> stopped(Operations.Stored op, OperationStatus.StepStatus failed) {
    return operations
        .stepRecords()
        .skipPending(op.id(), "not run: step " + failed.name() + " failed")
        .chain(() -> finishedOrKept(op.id()));
  }

  private Uni<StepOutcome> run(
      Operations.Stored op, int ordinal, OperationStatus.StepStatus step, OperationKind kind) {
    StepContext context =
        new StepContext() {
          public String operationId() {
            return op.id();
          }

          public String step() {
            return step.name();
          }

          public String parameters() {
            return op.parameters();
          }

          public boolean dryRun() {
            return op.dryRun();
          }

          public Uni<Void> progress(String text) {
            return operations.stepRecords().progressed(op.id(), ordinal, text);
          }

          public Optional<String> lastProgress() {
            return Optional.ofNullable(step.progress());
          }
        };
    return operations
        .stepRecords()
        .started(op.id(), ordinal)
        .chain(
            started ->
                !started
                    ? Uni.createFrom().<StepOutcome>item(CANCELLED)
                    : Uni.createFrom()
                        .deferred(() -> kind.run(context))
                        .onFailure()
                        .recoverWithItem(
                            e -> new StepOutcome.Waiting(String.valueOf(e.getMessage())))
                        .call(outcome -> operations.stepRecords().ended(op.id(), ordinal, outcome))
                        .invoke(outcome -> log(op, step, outcome)));
  }

  private static void log(
      Operations.Stored op, OperationStatus.StepStatus step, StepOutcome outcome) {
    String what =
        "operation "
            + op.id()
            + " ("
            + op.kind()
            + (op.dryRun() ? ", dry run" : "")
            + ") step "
            + step.name();
    if (outcome instanceof StepOutcome.Done done) {
      LOG.infof("%s done: %s", what, done.progress());
    } else if (outcome instanceof StepOutcome.Waiting waiting) {
      if (!waiting.reason().equals(step.reason())) {
        LOG.warnf("%s waits: %s", what, waiting.reason());
      }
    } else if (outcome instanceof StepOutcome.Failed failed) {
      LOG.warnf("%s failed: %s", what, failed.reason());
    }
  }

  /** Gives the lease up once every step is finished; keeps it while some step waits. */
  private Uni<Void> finishedOrKept(String id) {
    return operations
        .load(id)
        .chain(
            op ->
                op.isPresent() && op.get().steps().stream().allMatch(s -> s.state().finished())
                    ? leases.release(Operations.lease(id), me.value())
                    : Uni.createFrom().voidItem());
  }
}
