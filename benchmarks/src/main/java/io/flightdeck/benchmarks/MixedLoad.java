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
 * <p>Legacy: each transition is one UPDATE of the call's row in {@code legacy.records} (the table
 * the aggregator's own migration created), straight from the driver, as the old write path did;
 * readers list through an aggregator whose accounts read the legacy store. Split: each transition
 * goes through inflight-service's API; readers list through an aggregator on the split read path
 * (in-flight, then post-flight). The readers are the same code and requests in both.
 */
@Command(
    name = "mixed-load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts every store, Kafka and the three services (and an aggregator reading the legacy store); "
            + "runs writers and filtered list readers on the same accounts, on the legacy combined store "
            + "and then on the split design; prints transitions/s and list latency of both, and stops everything.")
public final class MixedLoad extends BenchmarkCommand {

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
      defaultValue = "0",
      description =
          "Lists per second of all readers together, the same in both designs; 0: closed loop, each"
              + " reader asks again as soon as it is answered (default: ${DEFAULT-VALUE}).")
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
        PagingServers.withLegacyReads(ProjectRoot.locate(), inflightNodes.count());
    try (RunningServers<PagingServers> running = RunningServers.of(servers, servers::close)) {
      System.out.printf(
          "Starting every store (%s), Kafka and the services (fresh state in benchmarks/target/mixed-servers/) …%n",
          inflightNodes.described());
      servers.startFresh();
      ServiceClient admin = ServiceClient.operator(servers.url(PagingServers.AGGREGATOR));
      CpuClock cpu = CpuClock.withBenchmark(servers.servicePids());
      List<DesignResult> results = new ArrayList<>();
      results.add(legacy(servers, running.vertx(), accounts(admin), cpu));
      results.add(split(servers, running.vertx(), accounts(admin), cpu));
      figures.addAll(MixedLoadTable.print(this, results));
      figures.addAll(ServiceMemory.rss(servers.servicePids()));
      return 0;
    }
  }

  private List<Account> accounts(ServiceClient admin) throws Exception {
    List<Account> made = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      made.add(Account.create(admin));
    }
    return made;
  }

  private DesignResult legacy(
      PagingServers servers, Vertx vertx, List<Account> owners, CpuClock cpu) throws Exception {
    Pool pool = InflightTransitions.pool(vertx, servers.mariaDb("legacy"), "legacy", writers);
    PublicListReaders lists = lists(servers, PagingServers.LEGACY_AGGREGATOR, vertx, owners);
    try {
      System.out.printf(
          "legacy: inserting %d calls into legacy.records …%n", writers * callsPerWriter);
      DirectUpdates updates =
          new DirectUpdates(vertx, pool, new LegacyRecords(), rows(owners), completedShare);
      await(updates.prepare(), PREPARE_TIMEOUT);
      return measure("legacy store", updates, lists, cpu);
    } finally {
      lists.close();
      pool.close();
    }
  }

  private DesignResult split(PagingServers servers, Vertx vertx, List<Account> owners, CpuClock cpu)
      throws Exception {
    ServiceProducers service =
        new ServiceProducers(
            vertx,
            URI.create(servers.url(PagingServers.INFLIGHT)),
            writers,
            completedShare,
            owners.stream().map(Account::sid).toList());
    PublicListReaders lists = lists(servers, PagingServers.AGGREGATOR, vertx, owners);
    try {
      System.out.printf(
          "split: creating %d calls through inflight-service …%n", writers * callsPerWriter);
      await(service.createCalls(callsPerWriter), PREPARE_TIMEOUT);
      return measure("split design", service, lists, cpu);
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

  /** A design's list readers: the same accounts, readers and rate in both, on its aggregator. */
  private PublicListReaders lists(
      PagingServers servers, String aggregator, Vertx vertx, List<Account> owners) {
    return new PublicListReaders(
        vertx, URI.create(servers.url(aggregator)), owners, readers, listRate);
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
