package io.flightdeck.servers;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A server's state as read from its files and the process table at one moment.
 *
 * @param name the server's name
 * @param running whether its recorded process is alive
 * @param pid the live process's id, when running
 * @param port its main port, once it has been chosen
 * @param logFile where it logs
 * @param dataDir where it keeps its data
 */
public record ServerStatus(
    String name, boolean running, OptionalLong pid, OptionalInt port, Path logFile, Path dataDir) {

  /** One line for {@code deploy/flightdeck status}. */
  public String describe() {
    return String.format(
        "%-18s %-8s pid %-8s port %-6s log %s  data %s",
        name,
        running ? "running" : "stopped",
        pid.isPresent() ? String.valueOf(pid.getAsLong()) : "-",
        port.isPresent() ? String.valueOf(port.getAsInt()) : "-",
        logFile,
        dataDir);
  }
}
