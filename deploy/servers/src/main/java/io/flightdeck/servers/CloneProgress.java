package io.flightdeck.servers;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * How far a {@link MariaDbReplica} clone got, kept beside the replica's data so a run after a crash
 * knows what it finds: {@code loading} (a half-loaded database of its own making, safe to drop and
 * load again) or {@code loaded} at a GTID position (ready to link). Forgotten once the link is set:
 * from then on the server's own replication status says everything.
 */
final class CloneProgress {
  private final StateFile file;

  CloneProgress(Path file) {
    this.file = new StateFile(file);
  }

  boolean loading(String source, String database) {
    Properties values = file.readProperties();
    return matches(values, source, database) && "loading".equals(values.getProperty("state"));
  }

  /** The position of a clone loaded completely from {@code source}'s {@code database}. */
  Optional<String> loaded(String source, String database) {
    Properties values = file.readProperties();
    return matches(values, source, database) && "loaded".equals(values.getProperty("state"))
        ? Optional.of(values.getProperty("position", ""))
        : Optional.empty();
  }

  void startLoading(String source, String database) {
    write(source, database, "loading", "");
  }

  void loaded(String source, String database, String position) {
    write(source, database, "loaded", position);
  }

  void forget() {
    file.delete();
  }

  private static boolean matches(Properties values, String source, String database) {
    return source.equals(values.getProperty("source"))
        && database.equals(values.getProperty("database"));
  }

  private void write(String source, String database, String state, String position) {
    Properties values = new Properties();
    values.setProperty("source", source);
    values.setProperty("database", database);
    values.setProperty("state", state);
    values.setProperty("position", position);
    file.replaceProperties(values, "A replica's clone, by the Flightdeck launcher");
  }
}
