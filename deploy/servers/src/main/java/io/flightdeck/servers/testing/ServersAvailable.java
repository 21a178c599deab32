package io.flightdeck.servers.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class, saying why, when the chosen {@link ServerProvider} cannot run servers here
 * (say {@code -Dflightdeck.servers=testcontainers} without a Docker engine). It decides before the
 * class starts anything: a failure inside a Quarkus test resource would instead be reported as an
 * error of the first test. Put it on the module's servers annotation beside {@link
 * ServersTestResource}: {@code @ExtendWith(ServersAvailable.class)}.
 */
public class ServersAvailable implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return TestServers.unavailable()
        .map(ConditionEvaluationResult::disabled)
        .orElseGet(() -> ConditionEvaluationResult.enabled("the servers' provider runs here"));
  }
}
