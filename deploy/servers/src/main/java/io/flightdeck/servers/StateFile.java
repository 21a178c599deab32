package io.flightdeck.servers;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * A small file kept in a state folder across runs, by the launcher (a server's settings) or by the
 * stack commands (what they remember). It is read whole and replaced whole, atomically: a crash
 * while writing leaves the old content or the new, never a mix. Failures are unchecked and name the
 * file.
 */
public final class StateFile {
  private final Path file;

  public StateFile(Path file) {
    this.file = file;
  }

  /** Whether the file exists (as a regular file). */
  public boolean exists() {
    return Files.isRegularFile(file);
  }

  /** The file's text; empty when it does not exist. */
  public Optional<String> read() {
    if (!exists()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Replaces the file with {@code text}, creating its folder. Durable once it returns, power loss
   * included: the text goes to a temporary file that is forced to disk before the atomic move (else
   * the move could reach the disk before the data, leaving an empty file), and the folder is forced
   * after it (else the move itself could be lost). A platform that cannot force a folder skips
   * that.
   */
  public void replace(String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        written.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      forceFolder(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The file's values as a properties file; none when it does not exist. */
  public Properties readProperties() {
    Properties values = new Properties();
    read().ifPresent(text -> load(values, text));
    return values;
  }

  /** Replaces the file with {@code values}, {@code comment} at its head, creating its folder. */
  public void replaceProperties(Properties values, String comment) {
    StringWriter text = new StringWriter();
    try {
      values.store(text, comment);
    } catch (IOException cannotHappenWritingToAString) {
      throw new UncheckedIOException(cannotHappenWritingToAString);
    }
    replace(text.toString());
  }

  /** Removes the file, if it exists. */
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }

  /** The file's path. */
  @Override
  public String toString() {
    return file.toString();
  }

  private static void forceFolder(Path folder) {
    try (FileChannel entries = FileChannel.open(folder, StandardOpenOption.READ)) {
      entries.force(true);
    } catch (IOException cannotForceAFolderHere) {
      // Windows cannot open a folder as a channel, and some filesystems refuse to fsync one: there
      // the move is as durable as the platform makes it.
    }
  }

  private static void load(Properties values, String text) {
    try {
      values.load(new StringReader(text));
    } catch (IOException cannotHappenReadingAString) {
      throw new UncheckedIOException(cannotHappenReadingAString);
    }
  }
}
