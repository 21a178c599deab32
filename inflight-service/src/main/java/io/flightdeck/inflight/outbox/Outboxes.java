package io.flightdeck.inflight.outbox;

import io.flightdeck.inflight.legacy.LegacyStore;
import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.InflightNodes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Every store with an outbox: each in-flight node, and the legacy combined store when one is
 * configured (its records' completions wait there). The relay publishes them all; the gauges sum
 * them all.
 */
@ApplicationScoped
public class Outboxes {
  private final InflightNodes nodes;
  private final LegacyStore legacy;

  public Outboxes(InflightNodes nodes, LegacyStore legacy) {
    this.nodes = nodes;
    this.legacy = legacy;
  }

  /** The stores, the nodes first. */
  public List<InflightNode> all() {
    List<InflightNode> all = new ArrayList<>(nodes.all());
    legacy.ifConfigured().ifPresent(all::add);
    return all;
  }
}
