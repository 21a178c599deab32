package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /admin/v1/Partitions} as a table: a row per month, a column per shard and table, each
 * cell the month's rows ({@code -} where that table has no partition for it), then the months
 * ahead, and the shards that did not answer.
 */
final class PartitionTable {
  private static final String BEFORE = "older";
  private static final String FUTURE = "later";

  private final JsonNode report;

  PartitionTable(JsonNode report) {
    this.report = report;
  }

  void print(PrintStream out) {
    List<String> columns = new ArrayList<>();
    Map<String, Map<String, String>> rows = new TreeMap<>(PartitionTable::byMonth);
    Map<String, String> ahead = new TreeMap<>();
    List<String> down = new ArrayList<>();
    for (JsonNode shard : report.path("shards")) {
      if (!shard.path("state").asText().equals("up")) {
        down.add(shard.path("shard").asText() + ": " + shard.path("state").asText());
        continue;
      }
      for (JsonNode table : shard.path("tables")) {
        String column = shard.path("shard").asText() + " " + table.path("table").asText();
        columns.add(column);
        ahead.put(column, table.path("months_ahead").asText());
        for (JsonNode partition : table.path("partitions")) {
          String month =
              partition.path("month").isTextual()
                  ? partition.path("month").asText()
                  : partition.path("less_than").asText().equals("MAXVALUE") ? FUTURE : BEFORE;
          rows.computeIfAbsent(month, m -> new TreeMap<>())
              .put(column, partition.path("rows").asText());
        }
      }
    }
    out.printf(
        "This month: %s. Months kept ahead: %s. Retention: %s. Rows: %s.%n",
        report.path("today").asText(),
        report.path("months_ahead_kept").asText(),
        report.path("retention").isNull()
            ? "off (a retirement may drop any month that has ended)"
            : report.path("retention").asText()
                + " months (months from "
                + report.path("oldest_kept").asText()
                + " on are kept)",
        report.path("row_counts").asText().equals("exact")
            ? "counted"
            : "InnoDB's estimates (--exact counts them)");
    out.println();
    int width = columns.stream().mapToInt(String::length).max().orElse(8) + 2;
    StringBuilder header = new StringBuilder(String.format("%-8s", "MONTH"));
    columns.forEach(c -> header.append(String.format("%" + width + "s", c)));
    out.println(header);
    rows.forEach(
        (month, cells) -> {
          StringBuilder line = new StringBuilder(String.format("%-8s", month));
          columns.forEach(
              c -> line.append(String.format("%" + width + "s", cells.getOrDefault(c, "-"))));
          out.println(line);
        });
    StringBuilder aheadLine = new StringBuilder(String.format("%-8s", "ahead"));
    columns.forEach(c -> aheadLine.append(String.format("%" + width + "s", ahead.get(c))));
    out.println(aheadLine);
    out.println();
    out.printf(
        "'%s': rows before the first month (the oldest partition holds them); '%s': rows after the last month"
            + " (normally none: the keeper adds months ahead). 'ahead': months after this one with a partition.%n",
        BEFORE, FUTURE);
    down.forEach(d -> out.println("Not answering: " + d));
  }

  /** "older" first, months in order, "later" last. */
  private static int byMonth(String a, String b) {
    return Integer.compare(rank(a), rank(b)) != 0
        ? Integer.compare(rank(a), rank(b))
        : a.compareTo(b);
  }

  private static int rank(String month) {
    return month.equals(BEFORE) ? 0 : month.equals(FUTURE) ? 2 : 1;
  }
}
