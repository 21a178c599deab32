package io.flightdeck.servers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The facts a server must keep across restarts (its ports, its replication server id), stored as a
 * properties file in its folder; each change is written at once, atomically.
 */
final class ServerSettings {

  private final Path file;
  private final Properties values = new Properties();

  private ServerSettings(Path file) {
    this.file = file;
  }

  static ServerSettings of(ServerFiles files) {
    ServerSettings settings = new ServerSettings(files.settings());
    if (Files.isRegularFile(settings.file)) {
      try (Reader reader = Files.newBufferedReader(settings.file)) {
        settings.values.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + settings.file, e);
      }
    }
    return settings;
  }

  OptionalInt getInt(String key) {
    String value = values.getProperty(key);
    return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.trim()));
  }

  void putInt(String key, int value) {
    if (String.valueOf(value).equals(values.getProperty(key))) {
      return;
    }
    values.setProperty(key, String.valueOf(value));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer writer = Files.newBufferedWriter(tmp)) {
        values.store(writer, "Remembered by the Flightdeck launcher; delete to forget");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
