package io.flightdeck.postflight.monitoring;

import io.flightdeck.postflight.control.ControlDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The progress of every unfinished long operation (a split, a retirement), measured every {@code
 * flightdeck.postflight.monitoring.interval} from what the control database stores: {@code
 * postflight_operation_steps_done{kind, operation}} of {@code
 * postflight_operation_steps_planned{kind, operation}}. An operation has its series while a step is
 * pending, running or waiting, and loses them once every step is finished, so the series that exist
 * are the operations under way. Every instance exports the same figures (read them with {@code max
 * by (kind, operation)}).
 */
@ApplicationScoped
public class OperationProgress {
  private static final Logger LOG = Logger.getLogger(OperationProgress.class);

  /** Unfinished operations found on the steps' state index, then all their steps counted. */
  private static final String UNFINISHED =
      "SELECT o.id, o.kind, SUM(s.state = 'done') AS done, COUNT(*) AS planned"
          + " FROM operations o JOIN operation_steps s ON s.operation_id = o.id"
          + " WHERE o.id IN (SELECT operation_id FROM operation_steps"
          + " WHERE state IN ('pending', 'running', 'waiting'))"
          + " GROUP BY o.id, o.kind";

  /** An operation under way and how far it got. */
  record Steps(String kind, long done, long planned) {}

  private final ControlDatabase control;
  private volatile Map<String, Steps> unfinished = Map.of();
  private final FollowedGauges<String> gauges;

  public OperationProgress(ControlDatabase control, MeterRegistry metrics) {
    this.control = control;
    this.gauges = new FollowedGauges<>(metrics, id -> register(id, metrics));
  }

  @Scheduled(
      every = "${flightdeck.postflight.monitoring.interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> measure() {
    return control
        .pool()
        .query(UNFINISHED)
        .execute()
        .invoke(
            rows -> {
              Map<String, Steps> next = new HashMap<>();
              rows.forEach(
                  row ->
                      next.put(
                          row.getString("id"),
                          new Steps(
                              row.getString("kind"), row.getLong("done"), row.getLong("planned"))));
              unfinished = Map.copyOf(next);
              gauges.follow(next.keySet());
            })
        .onFailure()
        .invoke(e -> LOG.debugf("operations not measured, will retry: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** The unfinished operations at the last measurement, by id. */
  Map<String, Steps> unfinished() {
    return unfinished;
  }

  private List<Meter> register(String id, MeterRegistry metrics) {
    String kind = unfinished.get(id).kind();
    return List.of(
        Gauge.builder("postflight.operation.steps.done", this, p -> value(p, id, true))
            .description("Steps done of an unfinished long operation")
            .tags("kind", kind, "operation", id)
            .register(metrics),
        Gauge.builder("postflight.operation.steps.planned", this, p -> value(p, id, false))
            .description("Steps of an unfinished long operation, done or not")
            .tags("kind", kind, "operation", id)
            .register(metrics));
  }

  private static double value(OperationProgress progress, String id, boolean done) {
    Steps steps = progress.unfinished.get(id);
    return steps == null ? Double.NaN : done ? steps.done() : steps.planned();
  }
}
