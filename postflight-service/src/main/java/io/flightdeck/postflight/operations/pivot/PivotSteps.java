package io.flightdeck.postflight.operations.pivot;

import java.util.List;

/**
 * The named steps of a pivot, in order (DESIGN.md, "Shard operations"), and which one is the point
 * of no return. Writes resume before the other servers are pointed at the new primary, so a server
 * that is down then (the old primary, killed) holds nothing back: it rejoins when it is back.
 */
public final class PivotSteps {
  public static final String PRE_CHECK = "pre-check";
  public static final String BLOCK_WRITES = "block-writes";
  public static final String WAIT_FOR_CANDIDATE = "wait-for-candidate";
  public static final String PROMOTE = "promote";
  public static final String UPDATE_CATALOGUE = "update-catalogue";
  public static final String RESUME_WRITES = "resume-writes";
  public static final String REPOINT_REPLICAS = "repoint-replicas";
  public static final String UNBLOCK_WRITES = "unblock-writes";

  /** Each step and what it does, as the plan shows it. */
  static final List<Step> ALL =
      List.of(
          new Step(PRE_CHECK, "check the candidate, the primary and the shard (PivotStatus)"),
          new Step(BLOCK_WRITES, "set read_only on the primary: the write block starts"),
          new Step(
              WAIT_FOR_CANDIDATE,
              "MASTER_GTID_WAIT on the candidate for the primary's last position"),
          new Step(PROMOTE, "stop the candidate's replication and make it writable"),
          new Step(UPDATE_CATALOGUE, "make the candidate the shard's primary in the catalogue"),
          new Step(RESUME_WRITES, "every instance writes to the new primary: the write block ends"),
          new Step(
              REPOINT_REPLICAS, "point the other replicas and the old primary at the new primary"));

  record Step(String name, String does) {}

  private PivotSteps() {}

  public static List<String> names() {
    return ALL.stream().map(Step::name).toList();
  }

  public static String does(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst().map(Step::does).orElse(name);
  }
}
