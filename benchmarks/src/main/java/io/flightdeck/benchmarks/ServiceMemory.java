package io.flightdeck.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resident memory of the services a program started, read from {@code /proc}, as figures. */
final class ServiceMemory {

  private ServiceMemory() {}

  /**
   * The RSS of each process now, in MB, as "RSS {name}" figures; a process that is gone or a
   * machine without {@code /proc} gives none.
   */
  static List<Figure> rss(Map<String, Long> pids) {
    List<Figure> figures = new ArrayList<>();
    pids.forEach(
        (name, pid) -> {
          try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
              if (line.startsWith("VmRSS:")) {
                long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
                figures.add(Figure.of("RSS " + name, kilobytes / 1024.0, "MB"));
              }
            }
          } catch (IOException | RuntimeException e) {
            // Not measurable here: the summary shows no RSS line for it.
          }
        });
    return figures;
  }
}
