package io.flightdeck.stack;

import io.flightdeck.servers.ServerSet;
import io.flightdeck.servers.StateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How many in-flight nodes this machine's stack runs, remembered in {@code <state
 * folder>/inflight-nodes} from its first {@code up} until {@code down --wipe}, so that {@code up},
 * {@code down} and {@code status} without {@code --inflight-nodes} keep every node. The count only
 * grows: a node's server holds the live records whose Sids name it, and dropping it from the stack
 * would leave them unreachable, so a smaller count is refused until {@code down --wipe} has deleted
 * every node's data.
 */
final class InflightNodeCount {

  private final Path stateFolder;
  private final StateFile file;

  private InflightNodeCount(Path stateFolder) {
    this.stateFolder = stateFolder;
    this.file = new StateFile(stateFolder.resolve("inflight-nodes"));
  }

  static InflightNodeCount in(Path stateFolder) {
    return new InflightNodeCount(stateFolder);
  }

  /**
   * The one in-flight server of the versions before the nodes, {@code mariadb-inflight}, while its
   * folder is in the state folder: nothing reads it any more, {@code down} stops it and {@code down
   * --wipe} deletes it, so that an update leaves no process or data behind unnoticed.
   */
  Optional<ServerSet> retiredSingleStore() {
    return Files.isDirectory(stateFolder.resolve("mariadb-inflight"))
        ? Optional.of(ServerSet.builder(stateFolder).mariaDb("inflight").build())
        : Optional.empty();
  }

  /** The remembered count, else {@link InflightNodes#STACK_DEFAULT}. */
  int count() {
    return file.read().map(text -> parse(text.strip())).orElse(InflightNodes.STACK_DEFAULT);
  }

  private int parse(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          file + " holds '" + text + "', not a count of in-flight nodes", e);
    }
  }

  /**
   * Checks that the stack may run {@code wanted} nodes.
   *
   * @throws IllegalArgumentException when {@code wanted} is not 1 to {@link InflightNodes#MAX}, or
   *     is smaller than the count the stack has run with (saying what to do instead)
   */
  void check(int wanted) {
    InflightNodes.stores(wanted); // the range
    if (file.exists() && wanted < count()) {
      throw new IllegalArgumentException(
          "This stack has run with "
              + count()
              + " in-flight nodes, up to mariadb-inflight-"
              + (count() - 1)
              + "; with "
              + wanted
              + ", the records on the others would be unreachable. "
              + "'deploy/flightdeck down --wipe' deletes every store's data, then 'up --inflight-nodes "
              + wanted
              + "' starts afresh.");
    }
  }

  /**
   * Remembers {@code count} as the stack's (at {@code up}, before its servers start).
   *
   * @throws IllegalArgumentException as {@link #check} does
   */
  void remember(int count) {
    check(count);
    file.replace(count + "\n");
  }

  /** Forgets the count (after a wipe has deleted every node's data). */
  void forget() {
    file.delete();
  }
}
