package io.flightdeck.postflight.operations.schema;

import io.flightdeck.postflight.operations.pivot.PivotSteps;
import java.util.ArrayList;
import java.util.List;

/**
 * The named steps of a schema change (the seed's procedure: change a replica, then pivot it in).
 * With replicas: every replica is changed without binary logging, the pivot's own steps make the
 * candidate the primary ({@code promote} is the point of no return), then the old primary, now a
 * replica, is changed. Without one: the primary is changed in place.
 */
final class SchemaChangeSteps {
  static final String PRE_CHECK = PivotSteps.PRE_CHECK;
  static final String CHANGE_REPLICAS = "change-replicas";
  static final String CHANGE_OLD_PRIMARY = "change-old-primary";
  static final String CHANGE_PRIMARY = "change-primary";
  static final String VERIFY = "verify";

  private SchemaChangeSteps() {}

  static List<String> names(SchemaChange change) {
    if (change.inPlace()) {
      return List.of(PRE_CHECK, CHANGE_PRIMARY, VERIFY);
    }
    List<String> names = new ArrayList<>();
    names.add(PRE_CHECK);
    names.add(CHANGE_REPLICAS);
    names.addAll(PivotSteps.names().subList(1, PivotSteps.names().size()));
    names.add(CHANGE_OLD_PRIMARY);
    names.add(VERIFY);
    return names;
  }

  /** Whether the step is one of the pivot's own, run by the pivot. */
  static boolean pivots(String step) {
    return !step.equals(PRE_CHECK) && PivotSteps.names().contains(step)
        || step.equals(PivotSteps.UNBLOCK_WRITES);
  }

  static String does(String step) {
    return switch (step) {
      case CHANGE_REPLICAS ->
          "apply the pending migrations on every replica, without binary logging";
      case CHANGE_OLD_PRIMARY ->
          "apply them on the old primary, a replica now, without binary logging";
      case CHANGE_PRIMARY -> "apply them on the primary in place (the shard has no replica)";
      case VERIFY -> "check that every server has applied the same migrations";
      default -> PivotSteps.does(step);
    };
  }
}
