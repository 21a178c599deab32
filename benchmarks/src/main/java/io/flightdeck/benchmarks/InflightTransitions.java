package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.ProjectRoot;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The in-flight write path's throughput benchmark: transitions per second through inflight-service,
 * beside the same single-row UPDATEs sent straight to MariaDB (the ceiling) and against a table the
 * legacy combined store of the "before" design (every table created by its owner's own migrations),
 * all in one run on one machine, with the same driver and the same concurrency. See
 * benchmarks/README.md.
 */
@Command(
    name = "inflight-transitions",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts MariaDB, Kafka and inflight-service, measures transitions/s and latency through the service, "
            + "then the same UPDATEs straight to MariaDB on the service's own live table and on the legacy combined store, each created by its owner's migrations; "
            + "prints one table and stops everything.")
public final class InflightTransitions extends BenchmarkCommand {

  /** The phases, in the order they run. */
  enum Phase {
    SERVICE,
    RAW,
    LEGACY
  }

  /** How long producers may take to finish their last request after the window closes. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  /** How long creating the calls or inserting the rows of a phase may take. */
  static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(10);

  @Option(
      names = "--producers",
      split = ",",
      defaultValue = "32,64",
      description =
          "Concurrent producers, each with one request or statement in flight; with several, every"
              + " phase runs at each, and the ratios compare each phase's best (default: ${DEFAULT-VALUE}).")
  List<Integer> producers;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "20",
      description =
          "Warm-up of each phase, not measured; the service's JIT needs it (default: ${DEFAULT-VALUE}).")
  int warmUpSeconds;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "Measured window of each phase (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--calls-per-producer",
      defaultValue = "1000",
      description =
          "Calls each producer creates before the service phase; also the rows per producer of the direct phases (default: ${DEFAULT-VALUE}).")
  int callsPerProducer;

  @Option(
      names = "--completed-share",
      defaultValue = "1.0",
      description =
          "Share of calls that go on from in-progress to completed (default: ${DEFAULT-VALUE}).")
  double completedShare;

  @Option(
      names = "--settle-seconds",
      defaultValue = "5",
      description =
          "Pause for MariaDB's background work (purge, flushing) after one phase's load, before the next"
              + " phase starts (default: ${DEFAULT-VALUE}).")
  int settleSeconds;

  @Mixin InflightNodeOption inflightNodes = new InflightNodeOption();

  @Option(
      names = "--phases",
      split = ",",
      defaultValue = "service,raw,legacy",
      description = "Phases to run, of service, raw, legacy (default: ${DEFAULT-VALUE}).")
  List<Phase> phases;

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new InflightTransitions(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--producers=4",
        "--warm-up-seconds=1",
        "--seconds=1",
        "--calls-per-producer=20",
        "--settle-seconds=0");
  }

  @Override
  public Integer call() throws Exception {
    if (producers.isEmpty()
        || producers.stream().anyMatch(count -> count < 1)
        || seconds < 1
        || warmUpSeconds < 0
        || settleSeconds < 0
        || callsPerProducer < 1
        || completedShare < 0
        || completedShare > 1) {
      throw refusal(
          "need --producers, --seconds, --calls-per-producer >= 1, --warm-up-seconds, --settle-seconds >= 0, --completed-share in [0, 1]");
    }
    figures.clear();
    BenchmarkServers servers = BenchmarkServers.of(ProjectRoot.locate(), inflightNodes.count());
    try (RunningServers<BenchmarkServers> running = RunningServers.of(servers, servers::close)) {
      Vertx vertx = running.vertx();
      Setting setting =
          Setting.now(
              producers,
              warmUpSeconds,
              seconds,
              callsPerProducer,
              completedShare,
              inflightNodes.count());
      System.out.printf(
          "Starting MariaDB (%s, control), Kafka and inflight-service (fresh state in benchmarks/target/servers/) …%n",
          inflightNodes.described());
      servers.startFresh();
      setting = setting.withMariaDb(servers.mariaDbVersion());
      CpuClock cpu = CpuClock.withBenchmark(servers.pids());
      // The service's own database on every node: its outbox, and MariaDB's server-wide counters.
      List<Pool> store =
          servers.nodes().stream()
              .map(node -> pool(vertx, node, BenchmarkServers.DATABASE, 1))
              .toList();
      Gauges gauges = new Gauges(cpu, () -> MariaDbCounters.read(store));
      List<ResultTable.Run> results = new ArrayList<>();
      for (int concurrency : producers) {
        for (Phase phase : List.of(Phase.values())) {
          if (phases.contains(phase)) {
            results.add(
                new ResultTable.Run(
                    concurrency, run(phase, concurrency, servers, vertx, store, gauges)));
          }
        }
      }
      ResultTable table = new ResultTable(setting, results);
      table.print(System.out);
      figures.addAll(table.figures());
      figures.addAll(ServiceMemory.rss(Map.of("inflight-service", servers.pids().get("service"))));
      return 0;
    }
  }

  private PhaseResult run(
      Phase phase,
      int producers,
      BenchmarkServers servers,
      Vertx vertx,
      List<Pool> store,
      Gauges gauges)
      throws Exception {
    return switch (phase) {
      case SERVICE -> service(producers, servers, vertx, store, gauges);
      case RAW -> direct(new LiveRecords(), producers, servers, vertx, gauges);
      case LEGACY -> direct(new LegacyRecords(), producers, servers, vertx, gauges);
    };
  }

  private PhaseResult service(
      int producers, BenchmarkServers servers, Vertx vertx, List<Pool> store, Gauges gauges)
      throws Exception {
    ServiceProducers service =
        new ServiceProducers(vertx, servers.serviceUrl(), producers, completedShare);
    try {
      System.out.printf(
          "service: %d producers create %d calls each …%n", producers, callsPerProducer);
      await(service.createCalls(callsPerProducer), PREPARE_TIMEOUT);
      PhaseResult result = measure(service, gauges);
      return result.withNote(new OutboxBacklog(store).awaitDrained(Duration.ofSeconds(30)));
    } finally {
      service.close();
    }
  }

  private PhaseResult direct(
      UpdateTarget target, int producers, BenchmarkServers servers, Vertx vertx, Gauges gauges)
      throws Exception {
    target.migrations().migrate(servers.mariaDb(), target.database());
    Pool pool = pool(vertx, servers.mariaDb(), target.database(), producers);
    try {
      System.out.printf(
          "%s: inserting %d rows into %s …%n",
          target.phase(), producers * callsPerProducer, target.database());
      DirectUpdates updates =
          new DirectUpdates(vertx, pool, target, rows(producers), completedShare);
      await(updates.prepare(), PREPARE_TIMEOUT);
      return measure(updates, gauges);
    } finally {
      pool.close();
    }
  }

  /**
   * Each producer's calls as the service creates them: queued, version 1, one account per producer.
   */
  private List<List<CallRecord>> rows(int producers) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<List<CallRecord>> rows = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      rows.add(BenchmarkCall.queuedCalls(Sid.mint(SidKind.ACCOUNT).value(), callsPerProducer, now));
    }
    return rows;
  }

  private PhaseResult measure(Workload workload, Gauges gauges) throws Exception {
    Thread.sleep(settleSeconds * 1000L);
    System.out.printf(
        "%s: warm-up %d s, then measuring %d s …%n", workload.name(), warmUpSeconds, seconds);
    Measurement measurement =
        Measurement.start(Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds));
    CompletionStage<Void> stopped = workload.run(measurement);
    measurement.awaitWarmUpEnd();
    CpuClock.Reading cpuAtStart = gauges.cpu().read();
    MariaDbCounters mariaDbAtStart = gauges.mariaDb().get();
    measurement.awaitWindowEnd();
    Map<String, Double> cores = gauges.cpu().read().coresSince(cpuAtStart);
    MariaDbCounters mariaDbAtEnd = gauges.mariaDb().get();
    await(stopped, DRAIN_TIMEOUT);
    PhaseResult result = measurement.result(workload.name(), cores, workload.notes());
    return result.withNote(mariaDbAtEnd.perOperation(mariaDbAtStart, result.operations()));
  }

  /**
   * What is read at both ends of each window besides the operations: processor time and MariaDB's
   * counters.
   */
  private record Gauges(CpuClock cpu, Supplier<MariaDbCounters> mariaDb) {}

  /**
   * A pool like inflight-service's (the reactive MySQL client, SSL off) with prepared statements
   * cached, the driver's fastest way to repeat a statement.
   */
  static Pool pool(Vertx vertx, MariaDbEndpoint db, String database, int size) {
    MySQLConnectOptions connect =
        new MySQLConnectOptions()
            .setHost(db.host())
            .setPort(db.port())
            .setUser(db.user())
            .setPassword(db.password())
            .setDatabase(database)
            .setSslMode(SslMode.DISABLED)
            .setCachePreparedStatements(true);
    return MySQLBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  /** Waits for a workload's stage: its calls prepared, or its producers stopped. */
  static void await(CompletionStage<?> stage, Duration timeout) throws Exception {
    stage.toCompletableFuture().get(timeout.toSeconds(), TimeUnit.SECONDS);
  }
}
