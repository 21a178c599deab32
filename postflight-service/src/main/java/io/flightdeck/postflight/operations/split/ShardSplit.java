package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.operations.OperationKind;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The shard split as a kind of operation. So far it runs dry runs only ({@link ShardSplits} refuses
 * the others): each step records what it would do, and changes nothing.
 */
@ApplicationScoped
public class ShardSplit implements OperationKind {
  public static final String NAME = "shard-split";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<StepOutcome> run(StepContext step) {
    if (!step.dryRun()) {
      return Uni.createFrom()
          .item(new StepOutcome.Failed("the split's step " + step.step() + " is not built yet"));
    }
    return Uni.createFrom()
        .item(new StepOutcome.Done("dry run: would " + SplitSteps.does(step.step())));
  }
}
