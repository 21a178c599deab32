package io.flightdeck.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The post-flight shards added to this machine's stack by {@code shard add}, beyond the stack's own
 * stores: one name a line in {@code <state folder>/added-shards}, so that {@code up}, {@code down}
 * and {@code status} include their MariaDB servers after the command has ended.
 */
final class AddedShards {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,40}");

  private final Path file;

  private AddedShards(Path file) {
    this.file = file;
  }

  static AddedShards in(Path stateFolder) {
    return new AddedShards(stateFolder.resolve("added-shards"));
  }

  /** The added shards' names, in the order they were added. */
  List<String> names() {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Records a shard (idempotent).
   *
   * @throws IllegalArgumentException for a name that is no MariaDB store name or is one of the
   *     stack's own stores
   */
  void add(String name) {
    check(name);
    Set<String> names = new LinkedHashSet<>(names());
    if (!names.add(name)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, new ArrayList<>(names));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  static void check(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a shard name: 1 to 41 lower-case letters, digits, '-' or '_'");
    }
    if (LocalStack.MARIADB_STORES.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' is one of the stack's own stores");
    }
  }
}
