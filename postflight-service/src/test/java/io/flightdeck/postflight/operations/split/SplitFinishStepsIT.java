package io.flightdeck.postflight.operations.split;

import static io.flightdeck.postflight.admin.ShardMapsApi.accountOn;
import static io.flightdeck.postflight.admin.ShardMapsApi.awaitInForce;
import static io.flightdeck.postflight.admin.ShardMapsApi.change;
import static io.flightdeck.postflight.admin.ShardMapsApi.even;
import static io.flightdeck.postflight.admin.ShardMapsApi.replicates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The split's last steps as the engine runs them, after clone and catch-up on the service's shard-1
 * and a target added to the catalogue (a fresh schema on shard-0's MariaDB), with the maps set by
 * hand to where the moves leave them: half of a set of accounts pinned to the target by overrides
 * in both maps. Then the cut, the deletion of what each side no longer owns (interrupted once, as
 * by a killed driver) and the rebuild; afterwards each account's rows are where its read map says,
 * all of them.
 */
@QuarkusTest
@WithRealServers
class SplitFinishStepsIT extends ShardOneSplit {
  private static final int ACCOUNTS = 30;
  private static final int CALLS = 40;
  private static final int MESSAGES = 20;
  private final List<String> accounts =
      IntStream.range(0, ACCOUNTS).mapToObj(i -> accountOn("shard-1")).toList();
  private final List<String> moved = accounts.subList(0, ACCOUNTS / 2);
  private final List<String> progress = new CopyOnWriteArrayList<>();

  /** The progress as the engine stored it: what a resumed attempt is given. */
  private volatile String stored;

  /** How many more progress writes succeed before the "driver" dies (negative: never). */
  private final AtomicInteger killAfter = new AtomicInteger(-1);

  @Inject Shards shards;

  SplitFinishStepsIT() {
    super("finish-it-", "postflight_clone_");
  }

  @BeforeEach
  void aCaughtUpTarget() {
    await().atMost(WAIT).until(() -> shards.migrated(target));
    serverOf(source())
        .sql(
            accounts.stream()
                .map(
                    a ->
                        insert("calls", "CA", a, 0, CALLS)
                            + "; "
                            + insert("messages", "SM", a, 0, MESSAGES))
                .collect(Collectors.joining("; ")));
    assertThat(runUntilDone("clone")).isInstanceOf(StepOutcome.Done.class);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> run("catch-up") instanceof StepOutcome.Done);
  }

  @AfterEach
  void mapsBackAndTargetRemoved() {
    // Back in the one order the maps accept: the target said to replicate again, writes, reads.
    replicates(target, "shard-1");
    awaitInForce("write", change("write", even(), Map.of()));
    awaitInForce("read", change("read", even(), Map.of()));
    replicates(target, null);
    assertThat(run(ShardSplit.DROP_COPY)).isInstanceOf(StepOutcome.Done.class);
  }

  @Test
  void afterTheCutEachSideKeepsExactlyTheRowsItsMapsSendItAndTheSpaceIsRebuilt() {
    Map<String, Long> before = countsOn(source(), accounts);
    replicates(target, "shard-1");
    Map<String, String> pinned =
        moved.stream().collect(Collectors.toMap(a -> a, a -> target, (a, b) -> a));
    awaitInForce("read", change("read", even(), pinned));

    StepOutcome early = run(SplitSteps.CUT);
    assertThat(early).isInstanceOf(StepOutcome.Waiting.class);
    assertThat(((StepOutcome.Waiting) early).reason())
        .startsWith("the write map does not send to " + target + " yet: account ");
    assertThat(run(SplitSteps.DELETE_MOVED))
        .as("no deletion while the link runs")
        .isInstanceOf(StepOutcome.Waiting.class);

    awaitInForce("write", change("write", even(), pinned));
    // The source's last writes to a moved account, taken before the write map moved.
    serverOf(source()).sql(insert("calls", "CB", moved.get(0), 0, 5));
    before.merge(moved.get(0), 5L, Long::sum);

    StepOutcome cut = run(SplitSteps.CUT);
    assertThat(cut).isInstanceOf(StepOutcome.Done.class);
    assertThat(countsOn(target(), List.of(moved.get(0))).get(moved.get(0)))
        .as("the last writes replicated before the cut")
        .isEqualTo(before.get(moved.get(0)));
    assertThat(catalogue.replication().await().atMost(WAIT)).doesNotContainKey(target);
    assertThat(linkOnTarget()).as("replication link gone").isEmpty();
    assertThat(run(SplitSteps.CUT)).as("a cut run again").isInstanceOf(StepOutcome.Done.class);

    // A driver that dies after its third chunk, then another that resumes.
    killAfter.set(3);
    assertThat(run(SplitSteps.DELETE_MOVED))
        .isInstanceOfSatisfying(
            StepOutcome.Waiting.class, w -> assertThat(w.reason()).contains("driver killed"));
    DeleteCursor reached = DeleteCursor.parse(stored).orElseThrow();
    progress.clear();
    assertThat(run(SplitSteps.DELETE_MOVED)).isInstanceOf(StepOutcome.Done.class);
    DeleteCursor resumedAt = DeleteCursor.parse(progress.get(0)).orElseThrow();
    assertThat(
            resumedAt.table() > reached.table()
                || resumedAt.table() == reached.table() && resumedAt.afterId() > reached.afterId())
        .as("resumed at %s, after %s, not from the start", resumedAt, reached)
        .isTrue();

    Map<String, Long> onSource = countsOn(source(), accounts);
    Map<String, Long> onTarget = countsOn(target(), accounts);
    for (String account : accounts) {
      boolean isMoved = moved.contains(account);
      assertThat(isMoved ? onTarget.get(account) : onSource.get(account))
          .as("rows of %s where its read map names", account)
          .isEqualTo(before.get(account));
      assertThat(isMoved ? onSource.get(account) : onTarget.get(account))
          .as("rows of %s elsewhere", account)
          .isZero();
    }
    assertThat(totalRows(target()))
        .as("the target keeps only the moved accounts")
        .isEqualTo(moved.stream().mapToLong(before::get).sum());
    DeleteCursor done = DeleteCursor.parse(stored).orElseThrow();
    assertThat(done.done()).isTrue();
    assertThat(done.deletedOnSource()).isPositive();
    assertThat(done.deletedOnTarget()).isPositive();

    StepOutcome rebuilt = run(SplitSteps.REBUILD);
    assertThat(rebuilt).isInstanceOf(StepOutcome.Done.class);
    assertThat(((StepOutcome.Done) rebuilt).progress())
        .isEqualTo(
            "analyzed and rebuilt: shard-1 calls, shard-1 messages, %s calls, %s messages"
                .formatted(target, target));
    Map<String, Long> afterRebuild = countsOn(target(), moved);
    afterRebuild.putAll(countsOn(source(), accounts.subList(ACCOUNTS / 2, ACCOUNTS)));
    assertThat(afterRebuild).as("every row still there after the rebuild").isEqualTo(before);
  }

  @Override
  StepContext context(String step) {
    Optional<String> last = Optional.ofNullable(stored);
    return SplitStepRuns.context(
        operationId,
        step,
        new Split("shard-1", target, List.of(), moved).toJson(),
        text -> {
          if (killAfter.getAndDecrement() == 0) {
            return Uni.createFrom().failure(new IllegalStateException("driver killed"));
          }
          progress.add(text);
          stored = text;
          return Uni.createFrom().voidItem();
        },
        () -> last);
  }

  /** Calls and messages per account on a shard's schema (0 for an account without rows). */
  private Map<String, Long> countsOn(String schema, List<String> accounts) {
    String in = accounts.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
    Map<String, Long> counts = new HashMap<>();
    accounts.forEach(a -> counts.put(a, 0L));
    serverOf(schema)
        .sql(
            ("SELECT account_sid, COUNT(*) FROM (SELECT account_sid FROM %s.calls WHERE account_sid"
                    + " IN (%s) UNION ALL SELECT account_sid FROM %s.messages WHERE account_sid IN"
                    + " (%s)) AS r GROUP BY account_sid")
                .formatted(schema, in, schema, in))
        .lines()
        .map(line -> line.split("\t"))
        .forEach(cells -> counts.put(cells[0], Long.parseLong(cells[1].strip())));
    return counts;
  }

  private String linkOnTarget() {
    return TestServers.servers()
        .mariaDb("shard-0")
        .sql("SHOW ALL SLAVES STATUS")
        .lines()
        .filter(line -> line.contains(operationId.toLowerCase(java.util.Locale.ROOT)))
        .collect(Collectors.joining("\n"));
  }
}
