package io.flightdeck.inflight.nodes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The in-flight write nodes and the control database that keeps their slot map. */
@ConfigMapping(prefix = "flightdeck.inflight")
public interface NodesConfig {
  /**
   * The in-flight MariaDB servers by name ({@code inflight-0}, ...). A name is a node's identity in
   * the slot map: renaming a node orphans its records.
   */
  Map<String, Node> nodes();

  /** The login and schema, the same on every node. */
  Db db();

  /** The control database's server; the slot map lives there in a schema of its own. */
  Control control();

  /**
   * How often every node is asked whether it answers. A node that does not gets no new creates from
   * the next check on; one that answers again is used at once.
   */
  @WithDefault("250ms")
  Duration healthInterval();

  /** How long a health check waits for a node before it counts it unreachable. */
  @WithDefault("400ms")
  Duration healthTimeout();

  /** One node. */
  interface Node {
    /** Host of the node's MariaDB server. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the node's MariaDB server. */
    int port();

    /** Its share of new creates, relative to the other healthy nodes' weights; 0 takes none. */
    @WithDefault("1")
    int weight();
  }

  /** The schema and login on every node. */
  interface Db {
    /** The schema on every node (created at first start). */
    @WithDefault("inflight")
    String name();

    /** Database user on every node. */
    @WithDefault("flightdeck")
    String user();

    /** Database password on every node. */
    @WithDefault("flightdeck")
    String password();

    /** Connections per node. */
    @WithDefault("32")
    int poolSize();
  }

  /** The control database. */
  interface Control {
    /** Host of the control MariaDB server. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the control MariaDB server. */
    int port();

    /** Database user. */
    @WithDefault("flightdeck")
    String user();

    /** Database password. */
    @WithDefault("flightdeck")
    String password();

    /** inflight-service's schema there, apart from post-flight's. */
    @WithDefault("inflight_control")
    String database();

    /** How often the slot map is read again; a new version is in force within this interval. */
    @WithDefault("1s")
    Duration pollInterval();
  }
}
