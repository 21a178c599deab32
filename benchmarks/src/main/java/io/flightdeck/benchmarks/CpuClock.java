package io.flightdeck.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the machine's processor time goes: CPU time of the named processes (each process alone: the
 * servers are children of the benchmark's JVM, and must not count twice) and of the whole machine,
 * read at two moments and turned into busy cores in between. "other" is what the machine spent
 * outside the named processes: another build or benchmark running at the same time shows up there,
 * and makes the figures of that run suspect.
 */
final class CpuClock {

  static final String MACHINE = "machine";
  static final String OTHER = "other";
  private static final Path PROC_STAT = Path.of("/proc/stat");

  private final Map<String, Long> pids;

  /** A clock of the services' processes and of the benchmark's own, named {@code benchmark}. */
  static CpuClock withBenchmark(Map<String, Long> pids) {
    Map<String, Long> all = new LinkedHashMap<>(pids);
    all.put("benchmark", ProcessHandle.current().pid());
    return new CpuClock(all);
  }

  /**
   * @param pids process ids by the name to report them under, in report order
   */
  CpuClock(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
  }

  /**
   * The busy cores of {@code names}, in their order, as {@code "0.12 / 0.98 / …"} (0 if unread).
   */
  static String listed(Map<String, Double> cores, List<String> names) {
    return names.stream()
        .map(name -> String.format("%.2f", cores.getOrDefault(name, 0.0)))
        .collect(Collectors.joining(" / "));
  }

  Reading read() {
    Map<String, Duration> used = new LinkedHashMap<>();
    pids.forEach(
        (name, pid) ->
            used.put(
                name,
                ProcessHandle.of(pid)
                    .flatMap(process -> process.info().totalCpuDuration())
                    .orElse(Duration.ZERO)));
    return new Reading(System.nanoTime(), used, machineTicks());
  }

  /**
   * Busy and total ticks of all processors, and their count; empty where /proc/stat is not
   * readable.
   */
  private static Optional<long[]> machineTicks() {
    try {
      List<String> lines = Files.readAllLines(PROC_STAT);
      long[] fields =
          Arrays.stream(lines.get(0).trim().split("\\s+"))
              .skip(1)
              .mapToLong(Long::parseLong)
              .toArray();
      long total =
          Arrays.stream(fields).limit(8).sum(); // user … steal; guest time is already in user
      long idle = fields[3] + fields[4]; // idle + iowait
      long processors = lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
      return Optional.of(new long[] {total - idle, total, processors});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The CPU counters at one moment. */
  record Reading(long nanoTime, Map<String, Duration> used, Optional<long[]> machine) {

    /**
     * Busy cores per process between {@code earlier} and this reading, then the machine's and
     * "other".
     */
    Map<String, Double> coresSince(Reading earlier) {
      double seconds = (nanoTime - earlier.nanoTime) / 1e9;
      Map<String, Double> cores = new LinkedHashMap<>();
      used.forEach(
          (name, cpu) ->
              cores.put(name, cpu.minus(earlier.used.get(name)).toNanos() / 1e9 / seconds));
      if (machine.isPresent() && earlier.machine.isPresent()) {
        long busy = machine.get()[0] - earlier.machine.get()[0];
        long total = machine.get()[1] - earlier.machine.get()[1];
        double machineCores = total == 0 ? 0 : (double) busy / total * machine.get()[2];
        double named = cores.values().stream().mapToDouble(Double::doubleValue).sum();
        cores.put(MACHINE, machineCores);
        cores.put(OTHER, Math.max(0, machineCores - named));
      }
      return cores;
    }
  }
}
