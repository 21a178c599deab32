package io.flightdeck.servers;

import java.nio.file.Path;

/**
 * Where one server keeps its state inside a {@link StateFolder}. Everything a later JVM needs to
 * find the server again (pid, ports) is here, which is why {@code stop} works from another process.
 *
 * @param dir the server's own folder
 */
public record ServerFiles(Path dir) {

  /** The server's data; survives stop and start, deleted only by a wipe. */
  public Path data() {
    return dir.resolve("data");
  }

  /** Everything the server and its set-up commands print, appended across starts. */
  public Path log() {
    return dir.resolve("server.log");
  }

  /** The pid of the running server process, written by the launcher. */
  public Path pidFile() {
    return dir.resolve("server.pid");
  }

  /** Remembered ports and identities, so a restart reuses them. */
  Path settings() {
    return dir.resolve("settings.properties");
  }

  /** Written once the data folder has been initialised completely. */
  Path initialisedMarker() {
    return dir.resolve("data.initialised");
  }

  /** Serialises starts of this server across threads and JVMs. */
  Path lock() {
    return dir.resolve(".lock");
  }
}
