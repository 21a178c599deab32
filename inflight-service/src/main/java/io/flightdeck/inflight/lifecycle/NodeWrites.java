package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.InflightNodes;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** Each in-flight node's {@link GroupCommit}: a group's transitions are all on one node. */
@ApplicationScoped
public class NodeWrites {
  private final Map<String, GroupCommit> writes = new TreeMap<>();

  public NodeWrites(InflightNodes nodes, Vertx vertx, WriteConfig config, MeterRegistry metrics) {
    for (InflightNode node : nodes.all()) {
      DistributionSummary groupSizes =
          DistributionSummary.builder("inflight.transition.groups")
              .description("transitions written per group (one transaction, one commit)")
              .tag("node", node.name())
              .register(metrics);
      writes.put(node.name(), new GroupCommit(node.pool(), vertx, config, groupSizes));
    }
  }

  /** The group commit of {@code node}. */
  GroupCommit on(InflightNode node) {
    return writes.get(node.name());
  }
}
