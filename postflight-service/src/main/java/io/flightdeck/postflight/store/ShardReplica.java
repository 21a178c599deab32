package io.flightdeck.postflight.store;

/**
 * One replica of a shard as the catalogue lists it: its name (which stays with the server when a
 * pivot changes its place), where it listens, and whether it may serve reads (role {@code reads})
 * or is kept as a backup only (never read, never waited for).
 */
public record ShardReplica(String name, DatabaseServer server, boolean servesReads) {

  /** The name a server gets when none was declared: the shard's id, or its replica number. */
  public static String defaultName(String shard, int ordinal) {
    return ordinal == 0 ? shard : shard + "-replica-" + ordinal;
  }
}
