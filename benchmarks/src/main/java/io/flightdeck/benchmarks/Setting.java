package io.flightdeck.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The conditions of one run, printed above its figures: figures from another machine, another load
 * or other options are not comparable.
 */
record Setting(
    Instant started,
    int cores,
    String processor,
    double loadAverage,
    String java,
    String mariaDb,
    List<Integer> producers,
    int warmUpSeconds,
    int seconds,
    int callsPerProducer,
    double completedShare,
    int inflightNodes) {

  /** This machine now; the MariaDB version is filled in once the server runs. */
  static Setting now(
      List<Integer> producers,
      int warmUpSeconds,
      int seconds,
      int callsPerProducer,
      double completedShare,
      int inflightNodes) {
    return new Setting(
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        processorModel(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        "?",
        List.copyOf(producers),
        warmUpSeconds,
        seconds,
        callsPerProducer,
        completedShare,
        inflightNodes);
  }

  Setting withMariaDb(String version) {
    return new Setting(
        started,
        cores,
        processor,
        loadAverage,
        java,
        version,
        producers,
        warmUpSeconds,
        seconds,
        callsPerProducer,
        completedShare,
        inflightNodes);
  }

  static String processorModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown processor");
    } catch (IOException | RuntimeException e) {
      return "unknown processor";
    }
  }
}
