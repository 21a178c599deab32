package io.flightdeck.servers;

import java.nio.file.Path;

/**
 * A server could not be started. The message names the server, the reason (port already in use,
 * binary missing, process exited with code N, not ready after T s, ...) and the server's log file
 * with its last lines, so a failed test or stack start explains itself. When this is thrown by
 * {@link ServerSet#start()}, every server that call had started has been stopped again.
 */
public final class ServerStartException extends RuntimeException {

  private static final int TAIL_LINES = 25;

  private final String server;
  private final Path logFile;

  ServerStartException(String server, String reason, Path logFile, Throwable cause) {
    super(message(server, reason, logFile), cause);
    this.server = server;
    this.logFile = logFile;
  }

  ServerStartException(String server, String reason, Path logFile) {
    this(server, reason, logFile, null);
  }

  /** The name of the server that failed, e.g. {@code mariadb-inflight-0}. */
  public String server() {
    return server;
  }

  /** The server's log file (it may not exist when the failure came before any output). */
  public Path logFile() {
    return logFile;
  }

  private static String message(String server, String reason, Path logFile) {
    String tail = LogFile.tail(logFile, TAIL_LINES);
    return server
        + " did not start: "
        + reason
        + "\n  log: "
        + logFile
        + (tail.isEmpty() ? " (empty)" : "\n  last lines:\n" + tail.indent(4).stripTrailing());
  }
}
