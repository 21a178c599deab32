package io.flightdeck.servers;

import java.nio.file.Path;

/**
 * The folder where a set of servers keeps its data, logs, pid files and remembered ports: one
 * sub-folder per server, named after the server ({@code mariadb-inflight-0}, {@code kafka}, ...).
 * The stack uses {@code <project root>/.flightdeck/}, tests use their module's {@code
 * target/servers/}. Server binaries are never stored here (see {@link BinaryCache}).
 *
 * @param root an absolute, normalised path
 */
public record StateFolder(Path root) {

  public StateFolder {
    root = root.toAbsolutePath().normalize();
  }

  /** The files of the server with this name; nothing is created. */
  public ServerFiles server(String serverName) {
    return new ServerFiles(root.resolve(serverName));
  }
}
