package io.flightdeck.benchmarks;

import static io.flightdeck.benchmarks.InflightTransitions.DRAIN_TIMEOUT;
import static io.flightdeck.benchmarks.InflightTransitions.PREPARE_TIMEOUT;
import static io.flightdeck.benchmarks.InflightTransitions.await;

import io.flightdeck.benchmarks.PublicListReaders.Account;
import io.flightdeck.record.CallRecord;
import io.flightdeck.servers.ProjectRoot;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The old design against the new under the load the old one carried: writers move calls through
 * their states while readers list the same accounts with filters, first on the legacy combined
 * store, then on the split design, in one run on one machine. See benchmarks/README.md.
 *
 * <p>Legacy store: each transition is one UPDATE of the call's row in {@code legacy.records} (the
 * table the aggregator's own migration created), straight from the driver: the store's own ceiling,
 * with no service in front of it. Legacy path: each transition goes through the API of an
 * inflight-service whose accounts are on the {@code legacy} write path, which writes the same
 * table: the old design as the platform runs it for an account not yet migrated. In both, readers
 * list through an aggregator whose accounts read the legacy store. Split: each transition goes
 * through inflight-service's API on the split write path; readers list through an aggregator on the
 * split read path (in-flight, then post-flight). The readers are the same code and requests in all
 * three.
 */
@Command(
    name = "mixed-load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts every store, Kafka and the three services (and an aggregator reading the legacy store,"
            + " an inflight-service writing to it); runs writers and filtered list readers on the same"
            + " accounts, on the legacy combined store (bare UPDATEs, then through inflight-service's"
            + " legacy write path) and then on the split design; prints transitions/s and list latency"
            + " of each, and stops everything.")
public final class MixedLoad extends BenchmarkCommand {

  /** The designs, as the report names them. */
  static final String LEGACY_STORE = "legacy store";

  static final String LEGACY_PATH = "legacy path";
  static final String SPLIT = "split design";

  @Mixin InflightNodeOption inflightNodes = new InflightNodeOption();

  @Option(
      names = "--writers",
      defaultValue = "32",
      description =
          "Concurrent writers, one transition in flight each (default: ${DEFAULT-VALUE}).")
  int writers;

  @Option(
      names = "--readers",
      defaultValue = "8",
      description =
          "Concurrent list readers, one request in flight each (default: ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = "--list-rate",
      defaultValue = "200",
      description =
          "Lists per second of all readers together, the same in every design; 0: closed loop, each"
              + " reader asks again as soon as it is answered, so each design serves a different"
              + " number of lists (default: ${DEFAULT-VALUE}).")
  int listRate;

  @Option(
      names = "--accounts",
      defaultValue = "8",
      description =
          "Accounts per design; writer i moves calls of account i modulo this (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--calls-per-writer",
      defaultValue = "1500",
      description =
          "Calls each writer has before the window: enough that no split writer runs out and"
              + " creates calls inside it (default: ${DEFAULT-VALUE}).")
  int callsPerWriter;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "120",
      description =
          "Warm-up of each design, not measured: on two shared cores the services' JIT compilers"
              + " were still busy after 90 s (default: ${DEFAULT-VALUE}).")
  int warmUpSeconds;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "Measured window of each design (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--settle-seconds",
      defaultValue = "5",
      description =
          "Pause for MariaDB's background work after a design's preparation, before its load starts"
              + " (default: ${DEFAULT-VALUE}).")
  int settleSeconds;

  @Option(
      names = "--completed-share",
      defaultValue = "1.0",
      description =
          "Share of calls that go on from in-progress to completed (default: ${DEFAULT-VALUE}).")
  double completedShare;

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new MixedLoad(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--writers=4",
        "--readers=2",
        "--accounts=2",
        "--calls-per-writer=20",
        "--warm-up-seconds=1",
        "--seconds=1",
        "--settle-seconds=0");
  }

  /** Transitions and lists of one design over the same window. */
  record DesignResult(
      String design, PhaseResult writes, PhaseResult lists, Map<String, Double> cores) {}

  @Override
  public Integer call() throws Exception {
    if (writers < 1
        || readers < 1
        || listRate < 0
        || accounts < 1
        || callsPerWriter < 1
        || seconds < 1
        || warmUpSeconds < 0
        || settleSeconds < 0
        || completedShare < 0
        || completedShare > 1) {
      throw refusal(
          "need --writers, --readers, --accounts, --calls-per-writer, --seconds >= 1, --list-rate, --warm-up-seconds, --settle-seconds >= 0,"
              + " --completed-share in [0, 1]");
    }
    figures.clear();
    PagingServers servers =
        PagingServers.withLegacyPaths(ProjectRoot.locate(), inflightNodes.count());
    try (RunningServers<PagingServers> running = RunningServers.of(servers, servers::close)) {
      System.out.printf(
          "Starting every store (%s), Kafka and the services (fresh state in benchmarks/target/mixed-servers/) …%n",
          inflightNodes.described());
      servers.startFresh();
      Run run =
          new Run(
              servers,
              running.vertx(),
              ServiceClient.operator(servers.url(PagingServers.AGGREGATOR)),
              CpuClock.withBenchmark(servers.servicePids()));
      List<DesignResult> results = new ArrayList<>();
      results.add(legacy(run));
      results.add(
          throughService(
              LEGACY_PATH, PagingServers.LEGACY_INFLIGHT, PagingServers.LEGACY_AGGREGATOR, run));
      results.add(throughService(SPLIT, PagingServers.INFLIGHT, PagingServers.AGGREGATOR, run));
      figures.addAll(MixedLoadTable.print(this, results));
      figures.addAll(ServiceMemory.rss(servers.servicePids()));
      return 0;
    }
  }

  /** What every design of one run uses: the servers, the client, the admin API, the clock. */
  private record Run(PagingServers servers, Vertx vertx, ServiceClient admin, CpuClock cpu) {}

  /** A design's own fresh accounts. */
  private List<Account> accounts(Run run) throws Exception {
    List<Account> made = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      made.add(Account.create(run.admin()));
    }
    return made;
  }

  private DesignResult legacy(Run run) throws Exception {
    List<Account> owners = accounts(run);
    Vertx vertx = run.vertx();
    Pool pool = InflightTransitions.pool(vertx, run.servers().mariaDb("legacy"), "legacy", writers);
    PublicListReaders lists = lists(run, PagingServers.LEGACY_AGGREGATOR, owners);
    try {
      System.out.printf(
          "legacy: inserting %d calls into legacy.records …%n", writers * callsPerWriter);
      DirectUpdates updates =
          new DirectUpdates(vertx, pool, new LegacyRecords(), rows(owners), completedShare);
      await(updates.prepare(), PREPARE_TIMEOUT);
      return measure(LEGACY_STORE, updates, lists, run.cpu());
    } finally {
      lists.close();
      pool.close();
    }
  }

  /**
   * A design whose writers go through {@code inflight}'s API and whose readers ask {@code
   * aggregator}.
   */
  private DesignResult throughService(String design, String inflight, String aggregator, Run run)
      throws Exception {
    List<Account> owners = accounts(run);
    ServiceProducers service =
        new ServiceProducers(
            run.vertx(),
            URI.create(run.servers().url(inflight)),
            writers,
            completedShare,
            owners.stream().map(Account::sid).toList());
    PublicListReaders lists = lists(run, aggregator, owners);
    try {
      System.out.printf(
          "%s: creating %d calls through %s …%n", design, writers * callsPerWriter, inflight);
      await(service.createCalls(callsPerWriter), PREPARE_TIMEOUT);
      return measure(design, service, lists, run.cpu());
    } finally {
      lists.close();
      service.close();
    }
  }

  /** The readers' load as the report names it. */
  String readLoad() {
    return listRate == 0 ? "closed loop" : "asked for " + listRate + " lists/s";
  }

  /** Each writer's calls as created (queued, version 1), in the account it writes to. */
  private List<List<CallRecord>> rows(List<Account> owners) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<List<CallRecord>> rows = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      rows.add(BenchmarkCall.queuedCalls(owners.get(w % owners.size()).sid(), callsPerWriter, now));
    }
    return rows;
  }

  /** A design's list readers: the same readers and rate in all, on its accounts and aggregator. */
  private PublicListReaders lists(Run run, String aggregator, List<Account> owners) {
    return new PublicListReaders(
        run.vertx(), URI.create(run.servers().url(aggregator)), owners, readers, listRate);
  }

  /** Writers and readers together, over one warm-up and one window. */
  private DesignResult measure(String design, Workload writes, Workload lists, CpuClock cpu)
      throws Exception {
    Thread.sleep(settleSeconds * 1000L);
    System.out.printf(
        "%s: %d writers and %d readers (%s), warm-up %d s, then measuring %d s …%n",
        design, writers, readers, readLoad(), warmUpSeconds, seconds);
    Duration warmUp = Duration.ofSeconds(warmUpSeconds);
    Duration window = Duration.ofSeconds(seconds);
    Measurement writing = Measurement.start(warmUp, window);
    Measurement listing = Measurement.start(warmUp, window);
    CompletionStage<Void> writersStopped = writes.run(writing);
    CompletionStage<Void> readersStopped = lists.run(listing);
    writing.awaitWarmUpEnd();
    CpuClock.Reading atStart = cpu.read();
    writing.awaitWindowEnd();
    Map<String, Double> cores = cpu.read().coresSince(atStart);
    await(writersStopped, DRAIN_TIMEOUT);
    await(readersStopped, DRAIN_TIMEOUT);
    return new DesignResult(
        design,
        writing.result(design + " transitions", cores, writes.notes()),
        listing.result(design + " lists", cores, lists.notes()),
        cores);
  }
}
