package io.flightdeck.stack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The in-flight store's write nodes as the launcher runs them (DESIGN.md, "In-flight write nodes"):
 * node {@code i} is the store {@code inflight-<i>}, the server {@code mariadb-inflight-<i>}, and
 * inflight-service's node {@code inflight-<i>}. The local stack, the end-to-end tests and the
 * benchmarks start inflight-service with {@link #serviceProperties}, so that every place that runs
 * the nodes names them alike.
 */
public final class InflightNodes {

  /** The local stack's count unless {@code up --inflight-nodes} chose another. */
  public static final int STACK_DEFAULT = 2;

  /**
   * The most nodes one machine's stack runs: each is a MariaDB server of its own, and a count typed
   * wrong would otherwise start dozens.
   */
  public static final int MAX = 8;

  /** The store holding inflight-service's slot map (the control MariaDB, DESIGN.md "Stores"). */
  public static final String CONTROL_STORE = "control";

  private static final String PREFIX = "inflight-";
  private static final Pattern NODE_STORE = Pattern.compile(PREFIX + "\\d+");

  private InflightNodes() {}

  /**
   * The store of node {@code index}, e.g. {@code inflight-0}; its server is {@code mariadb-}+it.
   */
  public static String store(int index) {
    return PREFIX + index;
  }

  /**
   * The stores of {@code count} nodes, {@code inflight-0} first.
   *
   * @throws IllegalArgumentException when {@code count} is not 1 to {@link #MAX}
   */
  public static List<String> stores(int count) {
    check(count);
    return IntStream.range(0, count).mapToObj(InflightNodes::store).toList();
  }

  /** Whether {@code store} is the name of a node's store (any index). */
  static boolean isNodeStore(String store) {
    return NODE_STORE.matcher(store).matches();
  }

  /**
   * What inflight-service needs in a launcher's set with {@code count} nodes and the control store:
   * the development credentials of {@link StackCredentials#inflight()}, each node's {@code
   * flightdeck.inflight.nodes.inflight-<i>.host|port}, the one login every node shares ({@code
   * flightdeck.inflight.db.user|password}, node 0's: the launcher creates the same on every
   * server), and {@code flightdeck.inflight.control.host|port|user|password}. Values refer to the
   * launcher's endpoint properties ({@code ${flightdeck.servers.mariadb.<store>.*}}), which the
   * service receives beside these and SmallRye Config expands when it starts: ports chosen at a
   * server's first start are known only then.
   *
   * @throws IllegalArgumentException when {@code count} is not 1 to {@link #MAX}
   */
  public static Map<String, String> serviceProperties(int count) {
    Map<String, String> properties = new TreeMap<>(StackCredentials.inflight());
    for (String store : stores(count)) {
      properties.put("flightdeck.inflight.nodes." + store + ".host", endpoint(store, "host"));
      properties.put("flightdeck.inflight.nodes." + store + ".port", endpoint(store, "port"));
    }
    properties.put("flightdeck.inflight.db.user", endpoint(store(0), "user"));
    properties.put("flightdeck.inflight.db.password", endpoint(store(0), "password"));
    for (String part : List.of("host", "port", "user", "password")) {
      properties.put("flightdeck.inflight.control." + part, endpoint(CONTROL_STORE, part));
    }
    return properties;
  }

  private static String endpoint(String store, String part) {
    return "${flightdeck.servers.mariadb." + store + "." + part + "}";
  }

  private static void check(int count) {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException(
          "'" + count + "' is no count of in-flight nodes: 1 to " + MAX);
    }
  }
}
