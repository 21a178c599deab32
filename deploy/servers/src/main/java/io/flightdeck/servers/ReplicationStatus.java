package io.flightdeck.servers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MariaDB server's replication link on its default connection, read from {@code SHOW SLAVE
 * STATUS}: its source, whether both threads run, and their last errors.
 */
record ReplicationStatus(Map<String, String> fields) {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static ReplicationStatus read(MariaDbServer server) {
    Map<String, String> fields = new LinkedHashMap<>();
    // Vertical output ("Name: value" lines) names every field, whatever their order.
    List<String> args =
        MariaDbClient.tool(server.home(), "mariadb", server.endpoint().port(), "root", "");
    args.addAll(List.of("--connect-timeout=5", "--execute=SHOW SLAVE STATUS\\G"));
    Command.Result result = new Command(args).run(TIMEOUT);
    if (!result.succeeded()) {
      throw new IllegalStateException(
          server.name() + ": SHOW SLAVE STATUS failed: " + result.output().strip());
    }
    for (String line : result.output().split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("*")) {
        fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return new ReplicationStatus(fields);
  }

  /** {@code host:port} of the source, when a link is set. */
  Optional<String> source() {
    String host = fields.getOrDefault("Master_Host", "");
    return host.isEmpty()
        ? Optional.empty()
        : Optional.of(host + ":" + fields.getOrDefault("Master_Port", ""));
  }

  /** Both the IO and the SQL thread run. */
  boolean running() {
    return "Yes".equals(fields.get("Slave_IO_Running"))
        && "Yes".equals(fields.get("Slave_SQL_Running"));
  }

  String describe() {
    return "IO thread "
        + fields.getOrDefault("Slave_IO_Running", "none")
        + " ("
        + fields.getOrDefault("Last_IO_Error", "")
        + "), SQL thread "
        + fields.getOrDefault("Slave_SQL_Running", "none")
        + " ("
        + fields.getOrDefault("Last_SQL_Error", "")
        + ")";
  }
}
