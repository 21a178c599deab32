package io.flightdeck.servers;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One real server run as a separate OS process on loopback, with its state in its own folder of a
 * {@link StateFolder}. Every operation is idempotent and may be called from any JVM: starting a
 * running server reuses it, stopping a stopped one does nothing. Data survives stop and start.
 */
public sealed interface Server
    permits MariaDbServer, KafkaBroker, PostgresServer, UnleashServer, QuarkusService {

  /**
   * The server's name, also its folder's name: {@code mariadb-<store>}, {@code kafka}, {@code
   * postgres}, {@code unleash}, or a {@link QuarkusService}'s own name.
   */
  String name();

  /**
   * Starts the server unless it already runs and answers, and waits until it is ready.
   *
   * @return true when this call started it, false when it was running already
   * @throws ServerStartException naming the reason and the log; nothing of this call is left
   *     running
   */
  boolean start();

  /**
   * Stops the server cleanly (SIGTERM or the server's fast-shutdown signal), killing it after a
   * grace period; waits until the process is gone.
   *
   * @return true when a running server was stopped
   */
  boolean stop();

  /** Kills the server with SIGKILL, as a crash would; for outage tests. */
  boolean kill();

  /** Whether it runs, and where its pid, port, log and data are; read from its files. */
  ServerStatus status();

  /** The server's main port once it has been chosen (at its first start), else empty. */
  OptionalInt port();

  /** The server's folder and files. */
  ServerFiles files();

  /** Names of the servers that must be ready before this one starts. */
  default List<String> dependsOn() {
    return List.of();
  }

  /**
   * The server's endpoints as configuration properties, with stable names under {@code
   * flightdeck.servers.}; needs the server to have been started once (ports are remembered).
   */
  Map<String, String> properties();
}
