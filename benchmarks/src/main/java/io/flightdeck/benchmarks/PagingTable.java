package io.flightdeck.benchmarks;

import io.flightdeck.benchmarks.Pagers.Walk;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@link PublicPaging}'s table: the machine, then records/s and page latencies through the public
 * API beside keyset SQL on the shard.
 */
final class PagingTable {
  private final PublicPaging run;
  private final String mariaDb;
  private final double loadBefore;

  PagingTable(PublicPaging run, String mariaDb, double loadBefore) {
    this.run = run;
    this.mariaDb = mariaDb;
    this.loadBefore = loadBefore;
  }

  /** Prints the table; returns the headline figure, the public API's records/s beside SQL's. */
  Figure print(
      List<Walk> apiWalks,
      List<Walk> directWalks,
      Map<String, Double> cores,
      long apiNanos,
      List<Histogram> latency,
      int deep) {
    System.out.println();
    System.out.printf(
        "Machine: %d cores (%s), %s %s, MariaDB %s; load average %.2f before the start, %.2f at the end%n",
        Runtime.getRuntime().availableProcessors(),
        Setting.processorModel(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        mariaDb,
        loadBefore,
        AllBenchmarks.loadAverage());
    System.out.printf(
        "Account: %d finished calls (on the shard) + %d live (in-flight, %s), PageSize %d, %d measured walks each way%n%n",
        run.finished, run.live, run.inflightNodes.described(), run.pageSize, run.walks);
    System.out.printf(
        "%-12s %8s %10s %12s %12s %12s %12s%n",
        "way", "pages", "records", "records/s", "walks (s)", "p1 p50/p99", "p" + deep + " p50/p99");
    double apiRate = median(apiWalks);
    double directRate = median(directWalks);
    row("public API", apiWalks, apiRate, latency.get(0), latency.get(1));
    row("shard SQL", directWalks, directRate, latency.get(2), latency.get(3));
    System.out.printf(
        "%npublic API / shard SQL (records/s, medians of the walks): %.3f%n", apiRate / directRate);
    Figure figure =
        Figure.beside(
            "public API paging records/s",
            apiRate,
            "records/s",
            "keyset SQL on the shard",
            directRate);
    System.out.printf("busy cores during the public API's walks (%.1f s):%n  ", apiNanos / 1e9);
    cores.forEach((name, value) -> System.out.printf("%s %.2f  ", name, value));
    System.out.println();
    System.out.println(
        "Latencies in ms, one client, one request at a time; p1 = the first page, p"
            + deep
            + " = page "
            + deep
            + ".");
    return figure;
  }

  private static void row(
      String way, List<Walk> walks, double rate, Histogram first, Histogram deep) {
    Walk one = walks.get(0);
    System.out.printf(
        "%-12s %8d %10d %12.0f %12s %12s %12s%n",
        way,
        one.pages(),
        one.records(),
        rate,
        String.join("/", walks.stream().map(w -> "%.1f".formatted(w.nanos() / 1e9)).toList()),
        ms(first),
        ms(deep));
  }

  private static String ms(Histogram h) {
    return "%.1f/%.1f"
        .formatted(h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
  }

  private static double median(List<Walk> walks) {
    double[] rates = walks.stream().mapToDouble(Walk::recordsPerSecond).sorted().toArray();
    return rates[rates.length / 2];
  }
}
