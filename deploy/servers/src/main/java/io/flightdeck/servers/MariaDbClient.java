package io.flightdeck.servers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB's own client tools ({@code mariadb}, {@code mariadb-dump}) against a server of this
 * machine, over TCP without SSL, so the launcher needs no JDBC driver.
 */
final class MariaDbClient {
  private static final Duration SQL_TIMEOUT = Duration.ofSeconds(60);

  private MariaDbClient() {}

  /**
   * The tool of the distribution at {@code home}, connected to the server on {@code port} as {@code
   * user}; an empty password is none. Callers add the tool's own options.
   */
  static List<String> tool(Path home, String tool, int port, String user, String password) {
    List<String> args =
        new ArrayList<>(
            List.of(
                home.resolve("bin").resolve(tool).toString(),
                "--no-defaults",
                "--skip-ssl",
                "--protocol=TCP",
                "--host=" + Ports.HOST,
                "--port=" + port,
                "--user=" + user));
    if (!password.isEmpty()) {
      args.add("--password=" + password);
    }
    return args;
  }

  /** Runs SQL; the output is tab-separated rows without a header. */
  static Command.Result sql(Path home, int port, String user, String password, String statements) {
    List<String> args = tool(home, "mariadb", port, user, password);
    args.addAll(
        List.of(
            "--connect-timeout=5", "--batch", "--skip-column-names", "--execute=" + statements));
    return new Command(args).run(SQL_TIMEOUT);
  }
}
