package io.flightdeck.inflight.nodes;

import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The in-flight write nodes ({@code flightdeck.inflight.nodes}): one pool each, built at start,
 * each node's schema migrated (and retried every few seconds while a node is down), each node asked
 * every {@code flightdeck.inflight.health-interval} whether it answers. Where a record goes and
 * where it is: {@link #placeCreate()} chooses a weighted-random usable node and a slot it owns;
 * {@link #owners(String)} names the nodes a Sid's slot points to ({@link Slots}).
 */
@ApplicationScoped
public class InflightNodes {
  private static final Logger LOG = Logger.getLogger(InflightNodes.class);

  private final Map<String, InflightNode> nodes = new TreeMap<>();
  private final SlotMap map;
  private final Vertx vertx;
  private final Duration healthInterval;
  private final Duration healthTimeout;
  private final AtomicBoolean checking = new AtomicBoolean();
  private long healthTimer = -1;

  public InflightNodes(NodesConfig config, SlotMap map, Vertx vertx) {
    this.map = map;
    this.vertx = vertx;
    this.healthInterval = config.healthInterval();
    this.healthTimeout = config.healthTimeout();
    NodesConfig.Db db = config.db();
    config
        .nodes()
        .forEach(
            (name, node) ->
                nodes.put(
                    name,
                    InflightNode.node(
                        name,
                        node.weight(),
                        new InflightNode.Endpoint(
                            node.host(),
                            node.port(),
                            db.user(),
                            db.password(),
                            db.name(),
                            db.poolSize()),
                        vertx)));
    if (nodes.isEmpty()) {
      throw new IllegalStateException("flightdeck.inflight.nodes names no in-flight node");
    }
  }

  void onStart(@Observes StartupEvent event) {
    migrate();
    // A Vert.x timer, not @Scheduled: the scheduler ticks once a second, too coarse to take a dead
    // node out of the creates within a second.
    healthTimer = vertx.setPeriodic(healthInterval.toMillis(), id -> checkUnlessChecking());
  }

  private void checkUnlessChecking() {
    if (checking.compareAndSet(false, true)) {
      check().subscribe().with(done -> checking.set(false), failed -> checking.set(false));
    }
  }

  /** Migrates the schema of every node that is not current yet. Blocking. */
  @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void migrate() {
    for (InflightNode node : nodes.values()) {
      if (!node.schemaCurrent() && !node.migrate()) {
        LOG.warnf("in-flight node %s: %s; will retry", node.name(), node.problem());
      }
    }
  }

  /** Asks every node whether it answers; a node that does not gets no new creates from now on. */
  Uni<Void> check() {
    return Multi.createFrom()
        .iterable(nodes.values())
        .onItem()
        .transformToUniAndMerge(
            node ->
                node.pool()
                    .query("SELECT 1")
                    .execute()
                    .ifNoItem()
                    .after(healthTimeout)
                    .fail()
                    .invoke(node::reached)
                    .onFailure()
                    .invoke(node::missed)
                    .onFailure()
                    .recoverWithNull())
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** Where a new record goes: a node (weighted-random among the usable ones) and a slot it owns. */
  public record Placement(InflightNode node, int slot) {}

  /**
   * A usable node by weight, and one of the slots it owns now at random.
   *
   * @throws DependencyUnreachableException when no node is usable, or no map has been read
   */
  public Placement placeCreate() {
    Map<String, List<Integer>> owned = slots().owned();
    List<InflightNode> candidates = new ArrayList<>();
    int total = 0;
    for (InflightNode node : nodes.values()) {
      if (node.usable() && node.weight() > 0 && owned.containsKey(node.name())) {
        candidates.add(node);
        total += node.weight();
      }
    }
    if (candidates.isEmpty()) {
      throw new DependencyUnreachableException("in-flight store (every node)", null);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int ticket = random.nextInt(total);
    for (InflightNode node : candidates) {
      ticket -= node.weight();
      if (ticket < 0) {
        List<Integer> its = owned.get(node.name());
        return new Placement(node, its.get(random.nextInt(its.size())));
      }
    }
    throw new IllegalStateException("weights add up to " + total);
  }

  /**
   * The nodes a slot's records may be on, the current owner first; empty when no node owns the
   * slot. A node named by the map but not configured on this instance answers as unreachable.
   */
  public List<InflightNode> owners(int slot) {
    List<InflightNode> owners = new ArrayList<>();
    for (String name : slots().owners(slot)) {
      owners.add(node(name));
    }
    return owners;
  }

  /** The nodes a Sid's record may be on; see {@link #owners(int)}. */
  public List<InflightNode> owners(String sid) {
    return owners(Slots.of(sid));
  }

  /** Every configured node, by name. */
  public List<InflightNode> all() {
    return List.copyOf(nodes.values());
  }

  /**
   * Every node that may hold live records, for a read that needs them all (an account's list): the
   * configured ones, and any the map names.
   *
   * @throws DependencyUnreachableException naming a node whose schema is not current, or one the
   *     map names and this instance does not know: such a read never leaves a node out
   */
  public List<InflightNode> holders() {
    Slots slots = slots();
    for (int slot = 0; slot < Slots.COUNT; slot++) {
      slots.owners(slot).forEach(this::node);
    }
    for (InflightNode node : nodes.values()) {
      if (!node.serving()) {
        throw node.unreachable();
      }
    }
    return all();
  }

  /**
   * {@code read} on every node that may hold live records ({@link #holders()}), at once; one answer
   * per node, or a 503 naming a node that failed.
   */
  public <T> Uni<List<T>> readEveryHolder(Function<InflightNode, Uni<T>> read) {
    return Multi.createFrom()
        .iterable(holders())
        .onItem()
        .transformToUniAndMerge(node -> node.guard(read.apply(node)))
        .collect()
        .asList();
  }

  /** The map in force. */
  public Slots slots() {
    return map.slots()
        .orElseThrow(
            () ->
                new DependencyUnreachableException("in-flight slot map (control database)", null));
  }

  /** Whether the slot map was read once. */
  public Optional<Slots> slotsIfRead() {
    return map.slots();
  }

  /** Why the slot map is missing, while it is. */
  public String slotMapProblem() {
    return map.problem();
  }

  private InflightNode node(String name) {
    InflightNode node = nodes.get(name);
    if (node == null) {
      // Another instance's configuration gave this node its slots; this one cannot reach it.
      throw new DependencyUnreachableException(
          "in-flight node " + name + " (not configured on this instance)", null);
    }
    return node;
  }

  @PreDestroy
  void close() {
    if (healthTimer >= 0) {
      vertx.cancelTimer(healthTimer);
    }
    nodes.values().forEach(node -> node.pool().closeAndForget());
  }
}
