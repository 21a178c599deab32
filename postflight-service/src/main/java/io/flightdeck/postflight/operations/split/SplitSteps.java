package io.flightdeck.postflight.operations.split;

import java.util.List;

/**
 * The named steps of a shard split, in order (DESIGN.md, "Shard operations"), and which one is the
 * point of no return.
 */
final class SplitSteps {
  static final String CUT = "cut";
  static final String DELETE_MOVED = "delete-moved";
  static final String REBUILD = "rebuild";

  /** Each step and what it does, as the plan shows it. */
  static final List<Step> ALL =
      List.of(
          new Step(
              "clone", "copy the source at a consistent snapshot's GTID position to the target"),
          new Step(
              "catch-up", "replicate from the source by GTID until the target's lag is under 1 s"),
          new Step(
              "move-reads",
              "move the ranges in the read map (records.persisted waits for the target's MASTER_GTID_WAIT)"),
          new Step(
              "auto-increment",
              "set auto_increment_increment/offset on both servers so their ids never collide"),
          new Step("move-writes", "move the ranges in the write map; both servers take writes"),
          new Step(
              CUT,
              "wait for the source's last writes to the ranges to replicate, then cut replication"
                  + " (point of no return)"),
          new Step(DELETE_MOVED, "delete, in throttled chunks, the rows each side no longer owns"),
          new Step(REBUILD, "ANALYZE and OPTIMIZE the tables to give the space back"));

  record Step(String name, String does) {}

  private SplitSteps() {}

  static List<String> names() {
    return ALL.stream().map(Step::name).toList();
  }

  static String does(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst().map(Step::does).orElse(name);
  }
}
