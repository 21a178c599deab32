package io.flightdeck.benchmarks;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.stack.LocalStack;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * {@link PostflightReads}' list phase: one account holding many calls, seeded straight on its
 * shard; page 1 and page 1,000 through the read API beside OFFSET and keyset SQL on the shard, and
 * get-by-Sid.
 */
record LargeAccountList(Report report, int rows, int iterations, int warmUp, int seedConnections) {
  static final int PAGE_SIZE = 50;
  static final int FAR_PAGE = 1000;

  Figure run(PostflightServers servers, Map<String, Pool> shards) throws Exception {
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
        rows, account, shardId, LargeAccountSeed.ROWS_PER_INSERT, seedConnections);
    long seedStart = System.nanoTime();
    List<String> sampleSids = new LargeAccountSeed(rows, seedConnections).seed(shard, account);
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    Sql.await(shard.query("ANALYZE TABLE calls").execute());
    String partitions =
        Sql.await(
                shard
                    .preparedQuery(
                        "SELECT COUNT(DISTINCT DATE_FORMAT(date_created, '%Y%m')) FROM calls WHERE account_sid = ?")
                    .execute(Tuple.of(account)))
            .iterator()
            .next()
            .getValue(0)
            .toString();

    // Page 1,000's cursor: the list-order position of row 49,950, the last of page 999.
    Row cursor =
        Sql.await(
                shard
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

    CpuClock cpu = PostflightReads.cpuClock(servers);
    CpuClock.Reading cpuAtStart = cpu.read();
    String loadAtStart = Report.loadAverage();
    Histogram apiFirstPage = time(() -> http(http, apiFirst));
    Histogram apiFarPage = time(() -> http(http, apiFar));
    Histogram offsetFirst =
        time(() -> Sql.await(shard.preparedQuery(offsetSql).execute(Tuple.of(account, 0))));
    Histogram offsetFar =
        time(
            () ->
                Sql.await(
                    shard
                        .preparedQuery(offsetSql)
                        .execute(Tuple.of(account, (FAR_PAGE - 1) * PAGE_SIZE))));
    Histogram keysetFirst =
        time(() -> Sql.await(shard.preparedQuery(keysetFirstSql).execute(Tuple.of(account))));
    Histogram keysetFar =
        time(
            () ->
                Sql.await(
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

    report.line("");
    report.line(
        "LIST  one account with %d calls on %s (%d months), seeded in %.0f s (%.0f rows/s); PageSize %d; %d timed requests per case after %d untimed",
        rows,
        shardId,
        Integer.parseInt(partitions),
        seedSeconds,
        rows / seedSeconds,
        PAGE_SIZE,
        iterations,
        warmUp);
    report.line("  %-44s %9s %9s %9s", "case", "p50 ms", "p99 ms", "max ms");
    row("API page 1", apiFirstPage);
    row("API page 1,000 (keyset cursor)", apiFarPage);
    row("SQL OFFSET page 1", offsetFirst);
    row("SQL OFFSET page 1,000 (OFFSET 49950)", offsetFar);
    row("SQL keyset page 1", keysetFirst);
    row("SQL keyset page 1,000", keysetFar);
    row("API get by Sid (random of 1 in 1000 rows)", apiGet);
    report.line(
        "  page 1,000 / page 1:  API p50 %.2f, p99 %.2f (goal <= 1.3);  OFFSET p50 %.2f, p99 %.2f;  keyset SQL p50 %.2f, p99 %.2f",
        ratio(apiFarPage, apiFirstPage, 50),
        ratio(apiFarPage, apiFirstPage, 99),
        ratio(offsetFar, offsetFirst, 50),
        ratio(offsetFar, offsetFirst, 99),
        ratio(keysetFar, keysetFirst, 50),
        ratio(keysetFar, keysetFirst, 99));
    Figure far =
        Figure.beside(
            "post-flight API page 1,000 p99",
            apiFarPage.getValueAtPercentile(99) / 1000.0,
            "ms",
            "API page 1 p99 (goal ratio <= 1.3)",
            apiFirstPage.getValueAtPercentile(99) / 1000.0);
    report.line(
        "  busy cores during the measured cases: %s; load average %s at their start, %s at their end",
        Report.cores(cores), loadAtStart, Report.loadAverage());
    return far;
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
    Sql.await(
            shard
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
    report.line(
        "  %-44s %9.2f %9.2f %9.2f",
        name,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  private static double ratio(Histogram far, Histogram first, double percentile) {
    return (double) far.getValueAtPercentile(percentile) / first.getValueAtPercentile(percentile);
  }
}
