package io.flightdeck.benchmarks;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * MariaDB's own counters (server-wide status variables, summed over the in-flight nodes) of what
 * clients asked of it and what it wrote, read at two moments: divided by the operations in between,
 * they say how many statements and round trips one transition costs (an explicit transaction, a
 * read before the write) and how many bytes it puts into the redo log and the binary log (ROW
 * format logs whole rows, before and after).
 *
 * @param counters status variable values by their names in the report
 */
record MariaDbCounters(Map<String, Long> counters) {

  /** Report name by status variable, in report order. */
  private static final Map<String, String> VARIABLES = orderedVariables();

  private static Map<String, String> orderedVariables() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("Com_stmt_prepare", "prepare");
    variables.put("Com_stmt_execute", "execute");
    variables.put("Com_begin", "begin");
    variables.put("Com_commit", "commit");
    variables.put("Com_select", "select");
    variables.put("Com_update", "update");
    variables.put("Com_insert", "insert");
    variables.put("Com_delete", "delete");
    variables.put("Innodb_os_log_written", "redo bytes");
    variables.put("Binlog_bytes_written", "binlog bytes");
    return variables;
  }

  /** Reads every server's counters now and sums them. */
  static MariaDbCounters read(List<Pool> servers) {
    Map<String, Long> sum = new LinkedHashMap<>();
    for (Pool server : servers) {
      read(server).counters().forEach((name, value) -> sum.merge(name, value, Long::sum));
    }
    return new MariaDbCounters(sum);
  }

  /** Reads the counters now (a millisecond or so: the window's edges stay sharp). */
  static MariaDbCounters read(Pool server) {
    String query =
        VARIABLES.keySet().stream()
            .map(name -> "'" + name + "'")
            .collect(Collectors.joining(", ", "SHOW GLOBAL STATUS WHERE Variable_name IN (", ")"));
    RowSet<Row> rows;
    try {
      rows =
          server
              .query(query)
              .execute()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading MariaDB's status", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read MariaDB's status: " + e.getMessage(), e);
    }
    Map<String, Long> byVariable = new LinkedHashMap<>();
    rows.forEach(row -> byVariable.put(row.getString(0), Long.parseLong(row.getString(1))));
    Map<String, Long> counters = new LinkedHashMap<>();
    VARIABLES.forEach(
        (variable, name) -> counters.put(name, byVariable.getOrDefault(variable, 0L)));
    return new MariaDbCounters(counters);
  }

  /** One line: each counter's growth since {@code earlier}, per operation. */
  String perOperation(MariaDbCounters earlier, long operations) {
    if (operations == 0) {
      return "MariaDB per operation: no operations";
    }
    List<String> parts =
        counters.entrySet().stream()
            .map(
                counter -> {
                  double perOperation =
                      (counter.getValue() - earlier.counters.getOrDefault(counter.getKey(), 0L))
                          / (double) operations;
                  return counter.getKey().endsWith("bytes")
                      ? "%s %.0f".formatted(counter.getKey(), perOperation)
                      : "%s %.3f".formatted(counter.getKey(), perOperation);
                })
            .toList();
    return "MariaDB per operation (server-wide, window): " + String.join(", ", parts);
  }
}
