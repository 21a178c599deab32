package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.flags.WritePath;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.stack.LegacyRecordsSeed;
import io.flightdeck.stack.LegacyRows;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 14's benchmark: accounts seeded in the legacy combined store are migrated to the split
 * design through postflight-service's admin API while clients read their public lists. Prints the
 * backfill's rows/s beside a bulk {@code INSERT … SELECT} of the same rows between two schemas of
 * the shard's server (the copy with no client and no network in between: the ceiling), and the
 * migrating accounts' public read p99 during the migration beside the p99 before it. See
 * benchmarks/README.md.
 */
@Command(
    name = "legacy-migration",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts the platform with Unleash and the legacy store; seeds legacy accounts; measures a bulk INSERT … SELECT"
            + " of their finished rows on the shard's server, then migrates them while their public lists are read;"
            + " prints backfill rows/s beside that ceiling and the read p99 during beside before; stops everything.")
public final class LegacyMigration extends BenchmarkCommand {
  @Option(
      names = "--accounts",
      defaultValue = "100",
      description = "Legacy accounts seeded and migrated (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--records",
      defaultValue = "10000",
      description = "Finished records per account (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--readers",
      defaultValue = "2",
      description =
          "Closed-loop readers of the migrating accounts' first page (default: ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = "--steady-seconds",
      defaultValue = "10",
      description = "Measured reads before the migration (default: ${DEFAULT-VALUE}).")
  int steadySeconds;

  @Option(
      names = "--rows-per-second",
      defaultValue = "1000000",
      description = "The backfill's throttle (default: ${DEFAULT-VALUE}, in effect none).")
  int rowsPerSecond;

  @Option(
      names = "--flag-fetch-seconds",
      defaultValue = "5",
      description = "How often the services fetch flags (default: ${DEFAULT-VALUE}, the stack's).")
  int flagFetchSeconds;

  @Option(
      names = "--watch-seconds",
      defaultValue = "10",
      description = "How long the migration's watch step compares (default: ${DEFAULT-VALUE}).")
  int watchSeconds;

  @Option(
      names = "--timeout-minutes",
      defaultValue = "60",
      description =
          "How long the migration may take before the run fails (default: ${DEFAULT-VALUE}).")
  int timeoutMinutes;

  /** The records seeded live in legacy: their producer ends them once the writes are dual. */
  private final List<LifecycleRecord> live = new ArrayList<>();

  private final Report report = new Report();

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new LegacyMigration(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--accounts=2",
        "--records=200",
        "--readers=1",
        "--steady-seconds=1",
        "--flag-fetch-seconds=1",
        "--watch-seconds=2",
        "--timeout-minutes=5");
  }

  @Override
  public Integer call() throws Exception {
    if (Math.min(Math.min(accounts, records), Math.min(readers, steadySeconds)) < 1
        || Math.min(Math.min(rowsPerSecond, flagFetchSeconds), watchSeconds) < 1) {
      throw refusal("every option but --timeout-minutes must be >= 1");
    }
    try (PagingServers servers =
        PagingServers.forMigration(
            ProjectRoot.locate(),
            Duration.ofSeconds(flagFetchSeconds),
            Map.of(
                "flightdeck.postflight.migration.rows-per-second",
                String.valueOf(rowsPerSecond),
                "flightdeck.postflight.migration.watch-window",
                watchSeconds + "s"))) {
      System.out.printf(
          "Starting the platform with Unleash and the legacy store (fresh state in benchmarks/target/migration-servers/) …%n");
      servers.startFresh();
      report.machine(servers.mariaDbVersion());
      ServiceClient admin = ServiceClient.operator(servers.url(PagingServers.AGGREGATOR));
      UnleashAdmin flags =
          new UnleashAdmin(
              servers.unleash().apiUrl(), servers.unleash().adminToken(), "development");
      List<PublicListReaders.Account> seeded = new ArrayList<>();
      long finished = seed(servers, admin, flags, seeded);
      double ceiling = InsertSelectCeiling.measure(servers.mariaDb("shard-0"), finished, report);
      FirstPageReaders reads =
          new FirstPageReaders(URI.create(servers.url(PagingServers.AGGREGATOR)), seeded, readers);
      reads.start();
      Thread.sleep(Duration.ofSeconds(steadySeconds).toMillis());
      long migrationStart = System.nanoTime();
      JsonNode status =
          migrate(
              ServiceClient.operator(servers.url(PagingServers.POSTFLIGHT)),
              ServiceClient.producer(servers.url(PagingServers.INFLIGHT)),
              seeded);
      long migrationEnd = System.nanoTime();
      reads.stop();
      double backfillSeconds = stepSeconds(status, "backfill");
      double backfill = finished / backfillSeconds;
      Histogram before =
          reads.between(
              migrationStart - Duration.ofSeconds(steadySeconds).toNanos(), migrationStart);
      Histogram during = reads.between(migrationStart, migrationEnd);
      report.line(
          "migration %s in %.1f s: %d finished rows backfilled in %.1f s",
          status.path("status").asText(),
          (migrationEnd - migrationStart) / 1e9,
          finished,
          backfillSeconds);
      report.line(
          "  backfill: %,.0f rows/s; INSERT … SELECT on the shard's server: %,.0f rows/s (%.2f×)",
          backfill, ceiling, backfill / ceiling);
      report.line("  %-44s %9s %9s %9s %8s", "", "p50 ms", "p99 ms", "max ms", "samples");
      BeforeAndDuring.row(report, "public first page, before", before);
      BeforeAndDuring.row(report, "public first page, during", during);
      report.line("  read failures: %d", reads.failures());
      figures.add(Figure.beside("backfill rows/s", backfill, "rows/s", "INSERT … SELECT", ceiling));
      figures.add(
          Figure.beside(
              "migrating account's read p99 during",
              during.getValueAtPercentile(99) / 1000.0,
              "ms",
              "before",
              before.getValueAtPercentile(99) / 1000.0));
      figures.add(Figure.of("read failures during the migration", reads.failures(), "requests"));
      System.out.println();
      report.printAgain();
      return status.path("status").asText().equals("completed") ? 0 : 1;
    }
  }

  private long seed(
      PagingServers servers,
      ServiceClient admin,
      UnleashAdmin flags,
      List<PublicListReaders.Account> seeded)
      throws Exception {
    long begin = System.nanoTime();
    long finished = 0;
    LegacyRecordsSeed generator = new LegacyRecordsSeed(new Random(14), Instant.now());
    MariaDbEndpoint legacy = servers.mariaDb("legacy");
    MariaDbEndpoint shard = servers.mariaDb("shard-0");
    try (Connection source =
            DriverManager.getConnection(
                legacy.jdbcUrl("legacy"), legacy.user(), legacy.password());
        Connection ceiling =
            DriverManager.getConnection(shard.jdbcUrl(""), shard.user(), shard.password());
        Statement sql = ceiling.createStatement()) {
      InsertSelectCeiling.prepare(source, sql);
      for (int a = 0; a < accounts; a++) {
        PublicListReaders.Account account = PublicListReaders.Account.create(admin);
        List<LifecycleRecord> rows = generator.account(account.sid(), records);
        rows.stream().filter(r -> !r.status().terminal()).forEach(live::add);
        LegacyRows.insert(source, rows);
        LegacyRows.insert(ceiling, rows);
        finished += rows.stream().filter(r -> r.status().terminal()).count();
        flags.assign(Flags.WRITE_PATH, WritePath.LEGACY, account.sid());
        flags.assign(Flags.READ_PATH, ReadPath.LEGACY, account.sid());
        seeded.add(account);
      }
    }
    report.line(
        "seeded %d legacy accounts, %d finished rows (and their live ones) in %.0f s",
        accounts, finished, (System.nanoTime() - begin) / 1e9);
    Thread.sleep(PagingServers.flagSettle(Duration.ofSeconds(flagFetchSeconds)).toMillis());
    return finished;
  }

  private JsonNode migrate(
      ServiceClient postflight, ServiceClient inflight, List<PublicListReaders.Account> seeded)
      throws Exception {
    String body =
        "{\"accounts\": ["
            + seeded.stream().map(a -> "\"" + a.sid() + "\"").collect(Collectors.joining(", "))
            + "], \"dry_run\": false}";
    String id = postflight.postJson("/admin/v1/Migrations", body, 201).path("id").asText();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(timeoutMinutes);
    while (System.nanoTime() < deadline) {
      JsonNode status = postflight.get("/admin/v1/Migrations/" + id);
      String state = status.path("status").asText();
      if (!live.isEmpty() && started(status, "drain")) {
        endLive(inflight);
      }
      if (List.of("completed", "failed", "cancelled").contains(state)) {
        return status;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the migration did not end within " + timeoutMinutes + " minutes");
  }

  private static boolean started(JsonNode status, String name) {
    for (JsonNode step : status.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return !step.path("state").asText().equals("pending");
      }
    }
    return false;
  }

  /**
   * Ends the records seeded live, as their producers would: {@code drain} waits for the records
   * born in legacy to end before the writes leave it. Every live status may move to {@code
   * completed} (a call) or {@code delivered} (a message).
   */
  private void endLive(ServiceClient inflight) throws Exception {
    for (LifecycleRecord record : live) {
      boolean call = record instanceof CallRecord;
      inflight.postJson(
          "/internal/v1/Accounts/"
              + record.accountSid()
              + (call ? "/Calls/" : "/Messages/")
              + record.sid()
              + "/Transitions",
          call ? "{\"status\":\"completed\"}" : "{\"status\":\"delivered\"}",
          200);
    }
    report.line("ended the %d records seeded live once the writes were dual", live.size());
    live.clear();
  }

  private static double stepSeconds(JsonNode status, String name) {
    for (JsonNode step : status.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return Duration.between(
                    Instant.parse(step.path("started_at").asText()),
                    Instant.parse(step.path("ended_at").asText()))
                .toMillis()
            / 1000.0;
      }
    }
    throw new IllegalStateException("no step " + name + " in " + status);
  }
}
