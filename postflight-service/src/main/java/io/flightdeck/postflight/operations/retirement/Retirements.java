package io.flightdeck.postflight.operations.retirement;

import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.OperationDriver;
import io.flightdeck.postflight.operations.OperationRefusedException;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.postflight.partitions.PartitionsConfig;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.record.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Starts retirements, after the checks that keep them safe; refused, nothing is stored and nothing
 * dropped:
 *
 * <ul>
 *   <li>{@code before} must be a month, {@code YYYY-MM} (400), not after the current month (400: a
 *       month that has not ended cannot be retired);
 *   <li>not inside the retention (409, when {@code flightdeck.postflight.retention} is set);
 *   <li>not past a month that still holds records in flight (409): inflight-service is asked for
 *       its oldest live record, and every month from that record's on is kept. Records in flight
 *       are written here, later, in their creation month; retiring it would let them land in the
 *       oldest partition left. If inflight-service does not answer, nothing is retired (503);
 *   <li>no other retirement may be unfinished (409), dry runs aside.
 * </ul>
 *
 * The operation has one step per shard of the catalogue, independent of each other: a shard that is
 * down waits and is retried while the others go on.
 */
@ApplicationScoped
public class Retirements {
  private final PartitionsConfig config;
  private final LiveRecords live;
  private final Operations operations;
  private final OperationDriver driver;
  private final ShardCatalogue catalogue;
  private final Clock clock;

  public Retirements(
      PartitionsConfig config,
      LiveRecords live,
      Operations operations,
      OperationDriver driver,
      ShardCatalogue catalogue,
      Clock clock) {
    this.config = config;
    this.live = live;
    this.operations = operations;
    this.driver = driver;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /**
   * Checks the request and stores the operation, which the engine then drives.
   *
   * @throws InvalidFieldException naming {@code before} (as the Uni's failure, like the others)
   * @throws OperationRefusedException inside the retention, past a month in flight, or while
   *     another retirement runs
   * @throws LiveRecordsUnknownException when inflight-service cannot say what is in flight
   */
  public Uni<OperationStatus> start(String before, boolean dryRun) {
    return Uni.createFrom()
        .item(() -> checkedMonth(before))
        .call(month -> dryRun ? Uni.createFrom().voidItem() : noOtherUnfinished())
        .call(month -> live.oldestCreated().invoke(oldest -> checkNothingInFlight(month, oldest)))
        .chain(
            month ->
                catalogue
                    .all()
                    .chain(
                        shards ->
                            operations.start(
                                PartitionRetirement.NAME,
                                new Retirement(month).toJson(),
                                dryRun,
                                shards.stream().map(ShardDefinition::id).toList(),
                                true)))
        .invoke(started -> driver.kick(started.id()));
  }

  /** The retirements started, by id; empty for an id of none (or of another kind of operation). */
  public Uni<Optional<OperationStatus>> status(String id) {
    return operations.ofKind(PartitionRetirement.NAME, id);
  }

  private YearMonth checkedMonth(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidFieldException(
          "before",
          "before is required: the first month kept, YYYY-MM (every month before it is retired)");
    }
    YearMonth before;
    try {
      before = YearMonth.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "before", "before must be a month, YYYY-MM like 2025-03, got '" + text + "'");
    }
    YearMonth today = YearMonth.now(clock);
    if (before.isAfter(today)) {
      throw new InvalidFieldException(
          "before",
          "before "
              + before
              + " is in the future (this month is "
              + today
              + "): it would retire "
              + before.minusMonths(1)
              + ", which has not ended; the latest is "
              + today);
    }
    config
        .oldestKept(today)
        .ifPresent(
            oldest -> {
              if (before.isAfter(oldest)) {
                throw new OperationRefusedException(
                    "before "
                        + before
                        + " is inside the retention: flightdeck.postflight.retention = "
                        + config.retention().getAsInt()
                        + " months keeps every month from "
                        + oldest
                        + " on, and "
                        + before.minusMonths(1)
                        + " would be retired; the latest before allowed is "
                        + oldest);
              }
            });
    return before;
  }

  private Uni<Void> noOtherUnfinished() {
    return operations
        .unfinished(PartitionRetirement.NAME)
        .invoke(
            running ->
                running.stream()
                    .filter(r -> !r.dryRun())
                    .findFirst()
                    .ifPresent(
                        r -> {
                          throw new OperationRefusedException(
                              "retirement "
                                  + r.id()
                                  + " is not finished ("
                                  + r.status().wireName()
                                  + ": "
                                  + r.summary()
                                  + "); wait for it (GET /admin/v1/PartitionRetirements/"
                                  + r.id()
                                  + ") before starting another");
                        }))
        .replaceWithVoid();
  }

  private static void checkNothingInFlight(YearMonth before, Optional<Instant> oldest) {
    oldest.ifPresent(
        created -> {
          YearMonth liveMonth = YearMonth.from(created.atOffset(ZoneOffset.UTC));
          if (before.isAfter(liveMonth)) {
            throw new OperationRefusedException(
                "month "
                    + liveMonth
                    + " still holds records in flight (the oldest live record was created "
                    + created
                    + "); they are stored post-flight in "
                    + liveMonth
                    + " once they finish, so it cannot be retired yet:"
                    + " the latest before allowed is "
                    + liveMonth);
          }
        });
  }
}
