package io.flightdeck.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A benchmark's report: each line printed as it comes and kept, so the whole report prints again
 * together at the end, after the progress lines; and the machine's state in words beside it.
 */
final class Report {
  private final List<String> lines = new ArrayList<>();

  void line(String format, Object... args) {
    String text = String.format(format, args);
    lines.add(text);
    System.out.println(text);
  }

  /** The machine's first line: processors, load, the MariaDB and Java versions. */
  void machine(String mariaDb) {
    line(
        "machine: %d processors, load average at start %s; MariaDB %s; %s",
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        mariaDb,
        System.getProperty("java.vm.name") + " " + Runtime.version());
  }

  /** A latency row's figures in ms from a histogram of µs: p50, p99, max and the samples. */
  static String millis(Histogram h) {
    return String.format(
        "%9.2f %9.2f %9.2f %8d",
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        h.getTotalCount());
  }

  /** Every line so far, again. */
  void printAgain() {
    lines.forEach(System.out::println);
  }

  /** Busy cores by process, e.g. {@code service 0.93, mariadb 0.40}. */
  static String cores(Map<String, Double> cores) {
    StringBuilder text = new StringBuilder();
    cores.forEach(
        (name, value) ->
            text.append(text.length() == 0 ? "" : ", ")
                .append(name)
                .append(String.format(" %.2f", value)));
    return text.toString();
  }

  /** The 1, 5 and 15 minute load averages, as the kernel says them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
