package io.flightdeck.inflight.nodes;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the slot map has been read and at least one node is usable (it answers and its schema
 * is current): creates then have somewhere to go. Each node's state is in the answer's data; a node
 * that is down does not make the instance unready, since every instance shares the nodes, and
 * failing them all would stop the creates the other nodes can take.
 */
@Readiness
@ApplicationScoped
public class NodesCheck implements HealthCheck {
  private final InflightNodes nodes;

  public NodesCheck(InflightNodes nodes) {
    this.nodes = nodes;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("in-flight nodes");
    boolean anyUsable = false;
    for (InflightNode node : nodes.all()) {
      anyUsable |= node.usable();
      response.withData(node.name(), node.usable() ? "up" : node.problem());
    }
    boolean mapRead = nodes.slotsIfRead().isPresent();
    response.withData(
        "slot map",
        nodes.slotsIfRead().map(map -> "version " + map.version()).orElse(nodes.slotMapProblem()));
    return response.status(mapRead && anyUsable).build();
  }
}
