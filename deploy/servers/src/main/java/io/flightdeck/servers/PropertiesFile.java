package io.flightdeck.servers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A properties file the launcher keeps beside a server across runs. It is read whole (empty when
 * absent) and replaced whole, atomically: a crash while writing leaves the old content or the new,
 * never a mix. Failures are unchecked and name the file.
 */
final class PropertiesFile {
  private final Path file;

  PropertiesFile(Path file) {
    this.file = file;
  }

  /** The file's values; none when it does not exist. */
  Properties read() {
    Properties values = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        values.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return values;
  }

  /** Replaces the file with {@code values}, {@code comment} at its head, creating its folder. */
  void write(Properties values, String comment) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer writer = Files.newBufferedWriter(tmp)) {
        values.store(writer, comment);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Removes the file, if it exists. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }
}
