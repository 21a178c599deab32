package io.flightdeck.servers;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * What a server that is one child process listening on one port does alike whatever it runs: its
 * folder and process, a start that reuses a server already answering on its remembered port (else
 * {@link #startFresh()}), stop by a signal with a grace period, kill, and status read from its
 * files. A subclass says only how a fresh one is started and what it hands to its users. It does
 * not implement {@link Server} itself, so the sealed interface keeps naming every kind of server.
 */
abstract sealed class ChildProcessServer
    permits KafkaBroker, PostgresServer, MariaDbServer, UnleashServer {
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private final String name;
  private final String stopSignal;
  protected final ServerFiles files;
  protected final BinaryCache cache;
  protected final OptionalInt fixedPort;
  protected final ServerProcess process;

  /**
   * @param stopSignal the signal that shuts the server down cleanly ({@code TERM}, {@code INT})
   */
  ChildProcessServer(
      String name, String stopSignal, StateFolder state, BinaryCache cache, OptionalInt fixedPort) {
    this.name = name;
    this.stopSignal = stopSignal;
    this.files = state.server(name);
    this.cache = cache;
    this.fixedPort = fixedPort;
    this.process = new ServerProcess(name, files);
  }

  /** Starts the process, with its data initialised first if need be, and waits until it answers. */
  protected abstract void startFresh();

  public String name() {
    return name;
  }

  public ServerFiles files() {
    return files;
  }

  public boolean start() {
    return process.ensureRunning(() -> port().stream().anyMatch(Ports::answers), this::startFresh);
  }

  public OptionalInt port() {
    return ServerSettings.of(files).getInt("port");
  }

  /** The port; fails when the server has never been started, so none is remembered. */
  protected int startedPort() {
    return port().orElseThrow(() -> new IllegalStateException(name + " has never been started"));
  }

  public boolean stop() {
    return process.stop(stopSignal, STOP_GRACE);
  }

  public boolean kill() {
    return process.kill();
  }

  public ServerStatus status() {
    return Launch.status(name, files, process, port());
  }
}
