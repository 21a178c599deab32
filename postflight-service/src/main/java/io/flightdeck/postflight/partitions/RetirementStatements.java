package io.flightdeck.postflight.partitions;

import java.util.List;

/**
 * The SQL that retires one month's partition, as plain strings: {@link ShardPartitions} runs them
 * on a shard, and the benchmarks time them on their own connection. Kept apart from the classes
 * that run statements so that it loads with nothing but the JDK (the benchmarks put this module's
 * jar on their class path without its dependencies).
 */
public final class RetirementStatements {
  private RetirementStatements() {}

  /**
   * The statements that retire one partition. A plain {@code DROP PARTITION} of a million rows
   * holds the table's exclusive metadata lock while InnoDB deletes the whole tablespace (270 ms on
   * this project's benchmark machine), and every read and write of the table queues behind it.
   * Instead the partition's rows are swapped into an empty holding table ({@code EXCHANGE
   * PARTITION}, a rename of files), the partition, empty now, is dropped, and the holding table is
   * dropped last, outside the table's lock. Each statement is safe to run again: a retirement
   * stopped anywhere in the middle is finished by running the sequence once more (a leftover
   * holding table only ever holds rows being retired).
   */
  public static List<String> of(String table, String partition) {
    String holding = holdingTable(table);
    String locked = "ALTER TABLE " + table + " WAIT " + ShardPartitions.LOCK_WAIT_SECONDS;
    return List.of(
        "DROP TABLE IF EXISTS " + holding,
        "CREATE TABLE " + holding + " LIKE " + table,
        "ALTER TABLE " + holding + " REMOVE PARTITIONING",
        locked
            + " EXCHANGE PARTITION "
            + partition
            + " WITH TABLE "
            + holding
            + " WITHOUT VALIDATION",
        locked + " DROP PARTITION IF EXISTS " + partition,
        "DROP TABLE " + holding);
  }

  /** Where a retired partition's rows wait to be dropped, one per partitioned table. */
  public static String holdingTable(String table) {
    return table + "_retiring";
  }
}
