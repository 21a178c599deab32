package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.RecordKind;
import io.flightdeck.record.Status;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Counts transition requests by what they came to: {@code inflight_transitions_total{kind, status,
 * outcome}}, where status is the requested one and outcome {@code applied}, {@code refused}, {@code
 * not-found} or {@code lost-race}. A bounded set of series: two kinds, their statuses, four
 * outcomes.
 */
@ApplicationScoped
public class TransitionMetrics {
  private final MeterRegistry metrics;

  public TransitionMetrics(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  void count(RecordKind kind, Status requested, TransitionOutcome outcome) {
    metrics
        .counter(
            "inflight.transitions",
            "kind",
            kind.name().toLowerCase(Locale.ROOT),
            "status",
            requested.wireName(),
            "outcome",
            outcomeTag(outcome))
        .increment();
  }

  static String outcomeTag(TransitionOutcome outcome) {
    if (outcome instanceof TransitionOutcome.Applied) {
      return "applied";
    }
    if (outcome instanceof TransitionOutcome.Refused) {
      return "refused";
    }
    return outcome instanceof TransitionOutcome.NotFound ? "not-found" : "lost-race";
  }
}
