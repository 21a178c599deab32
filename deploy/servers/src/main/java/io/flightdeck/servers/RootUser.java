package io.flightdeck.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this JVM runs as root, which MariaDB must be told and PostgreSQL refuses outright. */
final class RootUser {

  private static final boolean CURRENT = readEffectiveUid() == 0;

  private RootUser() {}

  static boolean isCurrent() {
    return CURRENT;
  }

  private static long readEffectiveUid() {
    try {
      // "Uid:	real	effective	saved	fs"
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .map(line -> Long.parseLong(line.split("\\s+")[2]))
          .findFirst()
          .orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }
  }
}
