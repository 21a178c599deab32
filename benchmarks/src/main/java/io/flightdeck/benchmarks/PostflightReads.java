package io.flightdeck.benchmarks;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.stack.LocalStack;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 4's benchmark of postflight-service: the ingest rate from Kafka into two shards, then the
 * list latency of page 1 and page 1,000 of one account holding many calls (keyset paging through
 * the read API, beside OFFSET and keyset SQL straight on the shard), and get-by-Sid. See
 * benchmarks/README.md.
 */
@Command(
    name = "postflight-reads",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts two MariaDB shards, the control store, Kafka and postflight-service; measures the ingest rate "
            + "of completed-call events, then list and get latency on one large account; prints the figures and stops everything.")
public final class PostflightReads implements BenchmarkProgram {

  private final List<Figure> figures = new ArrayList<>();

  enum Phase {
    INGEST,
    LIST
  }

  private static final int PAGE_SIZE = 50;
  private static final int FAR_PAGE = 1000;

  /** Rows per INSERT statement when seeding the large account. */
  private static final int ROWS_PER_INSERT = 1000;

  /**
   * The large account's calls are spread evenly over {@link #SPAN} from here: four monthly
   * partitions, whatever --rows.
   */
  private static final LocalDateTime FIRST_CREATED = LocalDateTime.of(2026, 7, 1, 0, 0);

  private static final Duration SPAN = Duration.ofDays(120);
  private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(30);

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Calls of the large account, seeded on its shard (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--iterations",
      defaultValue = "200",
      description = "Timed requests per measured case (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--warm-up",
      defaultValue = "50",
      description = "Untimed requests before each case (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(
      names = "--events",
      defaultValue = "100000",
      description =
          "Completed-call events published for the ingest phase (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--accounts",
      defaultValue = "1000",
      description = "Accounts the ingest events are spread over (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--seed-connections",
      defaultValue = "2",
      description = "Concurrent INSERT connections when seeding (default: ${DEFAULT-VALUE}).")
  int seedConnections;

  @Option(
      names = "--phases",
      split = ",",
      defaultValue = "ingest,list",
      description = "Phases to run, of ingest, list (default: ${DEFAULT-VALUE}).")
  List<Phase> phases;

  private final List<String> report = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(InflightTransitions.execute(new PostflightReads(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--rows=50050",
        "--events=500",
        "--accounts=10",
        "--iterations=5",
        "--warm-up=2",
        "--seed-connections=2");
  }

  @Override
  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  @Override
  public Integer call() throws Exception {
    if (rows < (FAR_PAGE + 1) * PAGE_SIZE
        || iterations < 1
        || warmUp < 0
        || events < 1
        || accounts < 1
        || seedConnections < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "need --rows >= "
              + (FAR_PAGE + 1) * PAGE_SIZE
              + ", --iterations, --events, --accounts, --seed-connections >= 1, --warm-up >= 0");
    }
    PostflightServers servers = PostflightServers.of(ProjectRoot.locate());
    Thread stopper = new Thread(servers::close, "stop-benchmark-servers");
    Runtime.getRuntime().addShutdownHook(stopper);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf(
          "Starting two MariaDB shards, the control store and Kafka (fresh state in benchmarks/target/servers/) …%n");
      servers.startStoresFresh();
      line(
          "machine: %d processors, load average at start %s; MariaDB %s, %s",
          Runtime.getRuntime().availableProcessors(),
          loadAverage(),
          servers.mariaDbVersion(),
          System.getProperty("java.vm.name") + " " + Runtime.version());
      Map<String, Pool> shards = new LinkedHashMap<>();
      for (String shard : PostflightServers.SHARDS) {
        shards.put(
            shard,
            InflightTransitions.pool(
                vertx,
                servers.shard(shard),
                PostflightServers.DATABASE,
                Math.max(2, seedConnections)));
      }
      if (phases.contains(Phase.INGEST)) {
        ingest(servers, shards);
      } else {
        System.out.printf("Starting postflight-service …%n");
        servers.startService();
      }
      if (phases.contains(Phase.LIST)) {
        list(servers, shards);
      }
      System.out.println();
      report.forEach(System.out::println);
      figures.addAll(
          ServiceMemory.rss(Map.of("postflight-service", servers.pids().get("service"))));
      return 0;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } finally {
        servers.close();
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
    }
  }

  // ---------------------------------------------------------------- ingest

  /**
   * Publishes the events while the service is not running yet, then starts it and times how fast it
   * drains that backlog: from the first stored row seen to the last, counted on both shards.
   */
  private void ingest(PostflightServers servers, Map<String, Pool> shards) throws Exception {
    System.out.printf(
        "ingest: publishing %d completed-call events over %d accounts to records.completed …%n",
        events, accounts);
    List<String> accountSids = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      accountSids.add(Sid.mint(SidKind.ACCOUNT).value());
    }
    Instant created = Instant.parse("2026-10-01T00:00:00Z");
    long publishStart = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                // A busy machine's broker may take long; nothing here is worth giving up on.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) TimeUnit.MINUTES.toMillis(10)),
            new StringSerializer(),
            new ByteArraySerializer())) {
      List<Future<?>> sent = new ArrayList<>(events);
      for (int i = 0; i < events; i++) {
        String account = accountSids.get(i % accounts);
        CallRecord call =
            completedCall(account, Sid.mint(SidKind.CALL).value(), created.plusMillis(i), i);
        ProducerRecord<String, byte[]> event =
            new ProducerRecord<>(
                "records.completed", account, CompletedRecordEvents.completed(call));
        event
            .headers()
            .add(
                "content-type",
                CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        sent.add(producer.send(event));
        if (sent.size() == 5000) {
          awaitAll(sent);
        }
      }
      awaitAll(sent);
    }
    double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
    System.out.printf(
        "ingest: published in %.1f s; starting postflight-service …%n", publishSeconds);
    servers.startService();
    CpuClock cpu = cpuClock(servers);
    // The tables exist now (readiness waits for the migrations); the service may have stored some
    // rows already.
    long firstCount = storedCalls(shards);
    long firstAt = System.nanoTime();
    CpuClock.Reading cpuAtStart = cpu.read();
    long deadline = firstAt + INGEST_TIMEOUT.toNanos();
    long count = firstCount;
    while (count < events && System.nanoTime() < deadline) {
      Thread.sleep(200);
      count = storedCalls(shards);
    }
    long lastAt = System.nanoTime();
    Map<String, Double> cores = cpu.read().coresSince(cpuAtStart);
    if (count < events) {
      throw new IllegalStateException(
          "only "
              + count
              + " of "
              + events
              + " events stored after "
              + INGEST_TIMEOUT.toMinutes()
              + " min");
    }
    double seconds = (lastAt - firstAt) / 1e9;
    Map<String, Long> perShard = new LinkedHashMap<>();
    for (Map.Entry<String, Pool> shard : shards.entrySet()) {
      perShard.put(shard.getKey(), countCalls(shard.getValue(), ""));
    }
    line("");
    line(
        "INGEST  %d completed-call events (%d accounts, 3 Kafka partitions) published before the service started (%.1f s)",
        events, accounts, publishSeconds);
    line(
        "  stored %d rows in %.1f s after the service became ready (%d were stored already by then): %.0f events/s; per shard %s",
        count - firstCount, seconds, firstCount, (count - firstCount) / seconds, perShard);
    figures.add(
        Figure.of("post-flight ingest events/s", (count - firstCount) / seconds, "events/s"));
    line("  busy cores meanwhile: %s", format(cores));
  }

  /**
   * Waits for the broker's acknowledgement of every event sent so far; a bounded backlog in the
   * producer.
   */
  private static void awaitAll(List<Future<?>> sent) throws Exception {
    for (Future<?> future : sent) {
      future.get();
    }
    sent.clear();
  }

  private static long storedCalls(Map<String, Pool> shards) throws Exception {
    long sum = 0;
    for (Pool shard : shards.values()) {
      sum += countCalls(shard, "");
    }
    return sum;
  }

  private static long countCalls(Pool shard, String where) throws Exception {
    return get(shard.query("SELECT COUNT(*) FROM calls" + where).execute())
        .iterator()
        .next()
        .getLong(0);
  }

  // ---------------------------------------------------------------- list

  private void list(PostflightServers servers, Map<String, Pool> shards) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI base = servers.serviceUrl();
    String account = Sid.mint(SidKind.ACCOUNT).value();
    String shardId = readShard(http, base, account);
    Pool shard = shards.get(shardId);
    System.out.printf(
        "list: seeding %d calls of %s on %s (%d rows per INSERT, %d connections) …%n",
        rows, account, shardId, ROWS_PER_INSERT, seedConnections);
    long seedStart = System.nanoTime();
    List<String> sampleSids = seed(shard, account);
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    get(shard.query("ANALYZE TABLE calls").execute());
    String partitions =
        get(shard
                .preparedQuery(
                    "SELECT COUNT(DISTINCT DATE_FORMAT(date_created, '%Y%m')) FROM calls WHERE account_sid = ?")
                .execute(Tuple.of(account)))
            .iterator()
            .next()
            .getValue(0)
            .toString();

    // Page 1,000's cursor: the list-order position of row 49,950, the last of page 999.
    Row cursor =
        get(shard
                .preparedQuery(
                    "SELECT date_created, sid FROM calls WHERE account_sid = ? ORDER BY date_created DESC, sid DESC LIMIT 1 OFFSET ?")
                .execute(Tuple.of(account, (FAR_PAGE - 1) * PAGE_SIZE - 1)))
            .iterator()
            .next();
    LocalDateTime afterCreated = cursor.getLocalDateTime("date_created");
    String afterSid = cursor.getString("sid");
    String calls = base + "/internal/v1/Accounts/" + account + "/Calls?PageSize=" + PAGE_SIZE;
    URI apiFirst = URI.create(calls);
    URI apiFar =
        URI.create(
            calls
                + "&AfterDateCreated="
                + URLEncoder.encode(
                    afterCreated.toInstant(ZoneOffset.UTC).toString(), StandardCharsets.UTF_8)
                + "&AfterSid="
                + afterSid);
    checkSamePage(http, apiFar, shard, account);

    String order = " ORDER BY date_created DESC, sid DESC LIMIT " + PAGE_SIZE;
    String offsetSql = "SELECT * FROM calls WHERE account_sid = ?" + order + " OFFSET ?";
    String keysetFirstSql = "SELECT * FROM calls WHERE account_sid = ?" + order;
    String keysetFarSql =
        "SELECT * FROM calls WHERE account_sid = ? AND date_created <= ? AND (date_created < ? OR (date_created = ? AND sid < ?))"
            + order;
    Random random = new Random(4);

    CpuClock cpu = cpuClock(servers);
    CpuClock.Reading cpuAtStart = cpu.read();
    String loadAtStart = loadAverage();
    Histogram apiFirstPage = time(() -> http(http, apiFirst));
    Histogram apiFarPage = time(() -> http(http, apiFar));
    Histogram offsetFirst =
        time(() -> get(shard.preparedQuery(offsetSql).execute(Tuple.of(account, 0))));
    Histogram offsetFar =
        time(
            () ->
                get(
                    shard
                        .preparedQuery(offsetSql)
                        .execute(Tuple.of(account, (FAR_PAGE - 1) * PAGE_SIZE))));
    Histogram keysetFirst =
        time(() -> get(shard.preparedQuery(keysetFirstSql).execute(Tuple.of(account))));
    Histogram keysetFar =
        time(
            () ->
                get(
                    shard
                        .preparedQuery(keysetFarSql)
                        .execute(
                            Tuple.of(
                                account, afterCreated, afterCreated, afterCreated, afterSid))));
    Histogram apiGet =
        time(
            () ->
                http(
                    http,
                    URI.create(
                        base
                            + "/internal/v1/Accounts/"
                            + account
                            + "/Calls/"
                            + sampleSids.get(random.nextInt(sampleSids.size())))));
    Map<String, Double> cores = cpu.read().coresSince(cpuAtStart);

    line("");
    line(
        "LIST  one account with %d calls on %s (%d months), seeded in %.0f s (%.0f rows/s); PageSize %d; %d timed requests per case after %d untimed",
        rows,
        shardId,
        Integer.parseInt(partitions),
        seedSeconds,
        rows / seedSeconds,
        PAGE_SIZE,
        iterations,
        warmUp);
    line("  %-44s %9s %9s %9s", "case", "p50 ms", "p99 ms", "max ms");
    row("API page 1", apiFirstPage);
    row("API page 1,000 (keyset cursor)", apiFarPage);
    row("SQL OFFSET page 1", offsetFirst);
    row("SQL OFFSET page 1,000 (OFFSET 49950)", offsetFar);
    row("SQL keyset page 1", keysetFirst);
    row("SQL keyset page 1,000", keysetFar);
    row("API get by Sid (random of 1 in 1000 rows)", apiGet);
    line(
        "  page 1,000 / page 1:  API p50 %.2f, p99 %.2f (goal <= 1.3);  OFFSET p50 %.2f, p99 %.2f;  keyset SQL p50 %.2f, p99 %.2f",
        ratio(apiFarPage, apiFirstPage, 50),
        ratio(apiFarPage, apiFirstPage, 99),
        ratio(offsetFar, offsetFirst, 50),
        ratio(offsetFar, offsetFirst, 99),
        ratio(keysetFar, keysetFirst, 50),
        ratio(keysetFar, keysetFirst, 99));
    figures.add(
        Figure.beside(
            "post-flight API page 1,000 p99",
            apiFarPage.getValueAtPercentile(99) / 1000.0,
            "ms",
            "API page 1 p99 (goal ratio <= 1.3)",
            apiFirstPage.getValueAtPercentile(99) / 1000.0));
    line(
        "  busy cores during the measured cases: %s; load average %s at their start, %s at their end",
        format(cores), loadAtStart, loadAverage());
  }

  /** The shard the service reads the account from, as its route explanation says. */
  static String readShard(HttpClient http, URI base, String account) throws Exception {
    String route =
        http.send(
                HttpRequest.newBuilder(
                        URI.create(base + "/admin/v1/Accounts/" + account + "/Route"))
                    .header("Authorization", "Bearer " + LocalStack.DEV_ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher read = Pattern.compile("\"read\":\\{\"shard\":\"([^\"]+)\"").matcher(route);
    if (!read.find()) {
      throw new IllegalStateException("no read shard in " + route);
    }
    return read.group(1);
  }

  /**
   * Inserts the account's calls straight into the shard's calls table, {@link #ROWS_PER_INSERT} per
   * statement, newest last; returns every thousandth Sid, for get-by-Sid.
   */
  private List<String> seed(Pool shard, String account) throws Exception {
    List<String> sample = new ArrayList<>();
    long spacingMicros = SPAN.toNanos() / 1000 / rows;
    List<CompletableFuture<?>> running = new ArrayList<>();
    for (int first = 0; first < rows; first += ROWS_PER_INSERT) {
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO calls (sid, account_sid, status, direction, from_address, to_address, "
                  + "start_time, end_time, duration, price, price_unit, date_created, date_updated, version) VALUES ");
      for (int i = first; i < Math.min(rows, first + ROWS_PER_INSERT); i++) {
        String sid = Sid.mint(SidKind.CALL).value();
        if (i % 1000 == 0) {
          sample.add(sid);
        }
        LocalDateTime created =
            FIRST_CREATED.plus(i * spacingMicros, java.time.temporal.ChronoUnit.MICROS);
        sql.append(i == first ? "(" : ",(")
            .append('\'')
            .append(sid)
            .append("','")
            .append(account)
            .append("','completed','outbound-api','+14155550100','+1415555")
            .append(String.format("%04d", i % 10000))
            .append("','")
            .append(created.plusSeconds(2))
            .append("','")
            .append(created.plusSeconds(62))
            .append("','60','-0.0140','USD','")
            .append(created)
            .append("','")
            .append(created.plusSeconds(63))
            .append("',4)");
      }
      running.add(shard.query(sql.toString()).execute().toCompletionStage().toCompletableFuture());
      if (running.size() >= seedConnections) {
        running.remove(0).get(10, TimeUnit.MINUTES);
      }
      if ((first / ROWS_PER_INSERT) % 100 == 99) {
        System.out.printf("list: %d rows …%n", first + ROWS_PER_INSERT);
      }
    }
    for (CompletableFuture<?> statement : running) {
      statement.get(10, TimeUnit.MINUTES);
    }
    return sample;
  }

  /** Page 1,000 through the API is the OFFSET query's page, Sid for Sid (the cursor is honest). */
  private static void checkSamePage(HttpClient http, URI apiFar, Pool shard, String account)
      throws Exception {
    String body = http(http, apiFar);
    List<String> apiSids = new ArrayList<>();
    Matcher sid = Pattern.compile("\"sid\":\"(CA[0-9a-f]{32})\"").matcher(body);
    while (sid.find()) {
      apiSids.add(sid.group(1));
    }
    List<String> sqlSids = new ArrayList<>();
    get(shard
            .preparedQuery(
                "SELECT sid FROM calls WHERE account_sid = ? ORDER BY date_created DESC, sid DESC LIMIT "
                    + PAGE_SIZE
                    + " OFFSET ?")
            .execute(Tuple.of(account, (FAR_PAGE - 1) * PAGE_SIZE)))
        .forEach(r -> sqlSids.add(r.getString(0)));
    if (!apiSids.equals(sqlSids)) {
      throw new IllegalStateException(
          "API page 1,000 " + apiSids + " is not the OFFSET page " + sqlSids);
    }
  }

  private static String http(HttpClient http, URI uri) throws Exception {
    // As the aggregator reads post-flight: with the service token.
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + LocalStack.DEV_SERVICE_TOKEN)
            .timeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          uri + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }

  /**
   * One request at a time: {@link #warmUp} untimed, then {@link #iterations} timed (microseconds).
   */
  private Histogram time(Request request) throws Exception {
    for (int i = 0; i < warmUp; i++) {
      request.run();
    }
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      request.run();
      histogram.recordValue(
          Math.min(histogram.getHighestTrackableValue(), (System.nanoTime() - start) / 1000));
    }
    return histogram;
  }

  @FunctionalInterface
  private interface Request {
    Object run() throws Exception;
  }

  private void row(String name, Histogram h) {
    line(
        "  %-44s %9.2f %9.2f %9.2f",
        name,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  private static double ratio(Histogram far, Histogram first, double percentile) {
    return (double) far.getValueAtPercentile(percentile) / first.getValueAtPercentile(percentile);
  }

  // ---------------------------------------------------------------- helpers

  private static CallRecord completedCall(String account, String sid, Instant created, int i) {
    return new CallRecord(
        sid,
        account,
        null,
        CallStatus.COMPLETED,
        "outbound-api",
        "+14155550100",
        "+1415555" + String.format("%04d", i % 10000),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        created.plusSeconds(2),
        created.plusSeconds(62),
        "60",
        "-0.0140",
        "USD",
        created,
        created.plusSeconds(63),
        4);
  }

  private static CpuClock cpuClock(PostflightServers servers) {
    Map<String, Long> pids = new LinkedHashMap<>(servers.pids());
    pids.put("benchmark", ProcessHandle.current().pid());
    return new CpuClock(pids);
  }

  private static String format(Map<String, Double> cores) {
    StringBuilder text = new StringBuilder();
    cores.forEach(
        (name, value) ->
            text.append(text.length() == 0 ? "" : ", ")
                .append(name)
                .append(String.format(" %.2f", value)));
    return text.toString();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private void line(String format, Object... args) {
    String text = String.format(format, args);
    report.add(text);
    System.out.println(text);
  }

  private static <T> T get(io.vertx.core.Future<T> future)
      throws InterruptedException, ExecutionException {
    return future.toCompletionStage().toCompletableFuture().get();
  }
}
