package io.flightdeck.postflight.operations;

import io.flightdeck.postflight.control.ControlDatabase;
import io.flightdeck.postflight.control.Leases;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Long operations as stored in the control database: an operation, its steps in order, each step's
 * state, times, attempts, progress and reason. The one place operations are written and read; the
 * {@link OperationDriver} moves the steps, every status is {@link OperationStatus#derive derived}
 * from these rows and the driver's lease. Thread-safe.
 */
@ApplicationScoped
public class Operations {
  private static final String STEP_COLUMNS =
      "ordinal, name, state, started_at, ended_at, updated_at, attempts, progress, reason";

  /** The kind of a shard split ({@code operations.split}). */
  public static final String SHARD_SPLIT = "shard-split";

  /** The kind of a pivot ({@code operations.pivot}). */
  public static final String SHARD_PIVOT = "shard-pivot";

  /** A schema change of one shard, server by server (package {@code schema}). */
  public static final String SHARD_SCHEMA_CHANGE = "shard-schema-change";

  private final ControlDatabase db;
  private final Leases leases;
  private final StepRecords steps;

  public Operations(ControlDatabase db, Leases leases) {
    this.db = db;
    this.leases = leases;
    this.steps = new StepRecords(db);
  }

  /** Where the driver records each step's runs. */
  StepRecords stepRecords() {
    return steps;
  }

  /** The lease a driver of this operation holds. */
  static String lease(String operationId) {
    return "operation:" + operationId;
  }

  /**
   * Stores a new operation with its steps, all pending; a driver picks it up within the drive
   * interval.
   *
   * @param parameters the kind's parameters as JSON (shown as they are by the status)
   * @param independentSteps whether a step that waits lets the next ones run meanwhile
   */
  public Uni<OperationStatus> start(
      String kind,
      String parameters,
      boolean dryRun,
      List<String> steps,
      boolean independentSteps) {
    return start(kind, parameters, dryRun, steps, independentSteps, Optional.empty());
  }

  /**
   * Stores a new operation whose step {@code pointOfNoReturn} is its point of no return: once that
   * step has started, {@link Cancellations#cancel} refuses.
   */
  public Uni<OperationStatus> start(
      String kind,
      String parameters,
      boolean dryRun,
      List<String> steps,
      boolean independentSteps,
      Optional<String> pointOfNoReturn) {
    if (pointOfNoReturn.isPresent() && !steps.contains(pointOfNoReturn.get())) {
      throw new IllegalArgumentException(
          "the point of no return " + pointOfNoReturn.get() + " is none of the steps " + steps);
    }
    String id = "OP" + UUID.randomUUID().toString().replace("-", "");
    LocalDateTime now = now();
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      rows.add(Tuple.of(id, i, steps.get(i), StepState.PENDING.wireName(), now));
    }
    return db.pool()
        .withTransaction(
            conn ->
                conn.preparedQuery(
                        "INSERT INTO operations (id, kind, parameters, dry_run, independent_steps, created_at, point_of_no_return)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .execute(
                        Tuple.from(
                            new Object[] {
                              id,
                              kind,
                              parameters,
                              dryRun,
                              independentSteps,
                              now,
                              pointOfNoReturn.orElse(null)
                            }))
                    .chain(
                        () ->
                            rows.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : conn.preparedQuery(
                                        "INSERT INTO operation_steps (operation_id, ordinal, name, state, updated_at) VALUES (?, ?, ?, ?, ?)")
                                    .executeBatch(rows)
                                    .replaceWithVoid()))
        .chain(() -> status(id))
        .map(Optional::orElseThrow);
  }

  /** The operation's status; empty for an unknown id. */
  public Uni<Optional<OperationStatus>> status(String id) {
    return load(id)
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().item(Optional.<OperationStatus>empty())
                    : leases.find(lease(id)).map(lease -> Optional.of(found.get().status(lease))));
  }

  /**
   * The operation of that id if it is of that kind: what an admin resource of one kind answers, so
   * that another kind's id is as unknown to it as an id of none.
   */
  public Uni<Optional<OperationStatus>> ofKind(String kind, String id) {
    return status(id).map(found -> found.filter(s -> s.kind().equals(kind)));
  }

  /** The operations of a kind that are not finished, oldest first. */
  public Uni<List<OperationStatus>> unfinished(String kind) {
    return db.pool()
        .preparedQuery(
            "SELECT DISTINCT o.id, o.created_at FROM operations o JOIN operation_steps s ON s.operation_id = o.id"
                + " WHERE o.kind = ? AND s.state IN ('pending', 'running', 'waiting') ORDER BY o.created_at")
        .execute(Tuple.of(kind))
        .onItem()
        .transformToMulti(rows -> Multi.createFrom().iterable(ids(rows)))
        .onItem()
        .transformToUniAndConcatenate(this::status)
        .filter(Optional::isPresent)
        .map(Optional::get)
        .collect()
        .asList();
  }

  /**
   * The unfinished operations that change a shard's servers or ranges (splits, pivots and schema
   * changes; dry runs aside) and name {@code shard} in their parameters, oldest first: one such
   * operation per shard at a time.
   */
  public Uni<List<OperationStatus>> unfinishedOn(String shard) {
    return Multi.createFrom()
        .items(SHARD_SPLIT, SHARD_PIVOT, SHARD_SCHEMA_CHANGE)
        .onItem()
        .transformToUniAndConcatenate(this::unfinished)
        .collect()
        .asList()
        .map(
            kinds ->
                kinds.stream()
                    .flatMap(List::stream)
                    .filter(op -> !op.dryRun())
                    .filter(op -> op.parameters().contains("\"" + shard + "\""))
                    .sorted(java.util.Comparator.comparing(OperationStatus::createdAt))
                    .toList());
  }

  /** Every operation with a step not finished, any kind: what drivers look for. */
  Uni<List<String>> unfinishedIds() {
    return db.pool()
        .query(
            "SELECT DISTINCT operation_id AS id FROM operation_steps WHERE state IN ('pending', 'running', 'waiting')")
        .execute()
        .map(Operations::ids);
  }

  private static List<String> ids(RowSet<Row> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getString("id")));
    return ids;
  }

  /** An operation as stored, before its status is derived. */
  record Stored(
      String id,
      String kind,
      String parameters,
      boolean dryRun,
      boolean independentSteps,
      Instant createdAt,
      Optional<String> pointOfNoReturn,
      Optional<Instant> cancelledAt,
      List<OperationStatus.StepStatus> steps) {
    OperationStatus status(Optional<Leases.Lease> lease) {
      return OperationStatus.derive(this, lease);
    }
  }

  Uni<Optional<Stored>> load(String id) {
    return db.pool()
        .preparedQuery(
            "SELECT o.kind, o.parameters, o.dry_run, o.independent_steps, o.created_at, o.point_of_no_return,"
                + " c.requested_at AS cancelled_at"
                + " FROM operations o LEFT JOIN operation_cancellations c ON c.operation_id = o.id"
                + " WHERE o.id = ?")
        .execute(Tuple.of(id))
        .chain(
            head -> {
              if (head.size() == 0) {
                return Uni.createFrom().item(Optional.<Stored>empty());
              }
              Row op = head.iterator().next();
              return db.pool()
                  .preparedQuery(
                      "SELECT "
                          + STEP_COLUMNS
                          + " FROM operation_steps WHERE operation_id = ? ORDER BY ordinal")
                  .execute(Tuple.of(id))
                  .map(
                      rows -> {
                        List<OperationStatus.StepStatus> steps = new ArrayList<>();
                        rows.forEach(row -> steps.add(step(row)));
                        return Optional.of(
                            new Stored(
                                id,
                                op.getString("kind"),
                                op.getString("parameters"),
                                flag(op, "dry_run"),
                                flag(op, "independent_steps"),
                                instant(op.getLocalDateTime("created_at")),
                                Optional.ofNullable(op.getString("point_of_no_return")),
                                Optional.ofNullable(instant(op.getLocalDateTime("cancelled_at"))),
                                steps));
                      });
            });
  }

  private static OperationStatus.StepStatus step(Row row) {
    return new OperationStatus.StepStatus(
        row.getString("name"),
        StepState.parse(row.getString("state")),
        instant(row.getLocalDateTime("started_at")),
        instant(row.getLocalDateTime("ended_at")),
        instant(row.getLocalDateTime("updated_at")),
        row.getInteger("attempts"),
        row.getString("progress"),
        row.getString("reason"));
  }

  private static boolean flag(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
  }

  /** DATETIME(6) columns of the control database hold UTC. */
  static LocalDateTime now() {
    return LocalDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
