package io.flightdeck.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One MariaDB server for one named store ({@code inflight-0}, {@code shard-0}, ...), with its own
 * data dir, port and replication identity ({@link MariaDbOptions}: {@code server_id}, {@code
 * gtid_domain_id}). Every server can be a replication source and a replica that may be promoted:
 * binary logging is on, in ROW format, with {@code log_slave_updates} (a replica logs what it
 * applies, so its own replicas and a promotion keep every GTID); SSL is off; the time zone is UTC
 * and the character set utf8mb4. After every start the application user {@value #USER} / {@value
 * #PASSWORD} exists with every privilege but {@code READ_ONLY ADMIN} (so {@code read_only=1} fences
 * its writes), and the operations user {@value #ADMIN_USER} / {@value #ADMIN_PASSWORD} with every
 * privilege, both from {@code %} and {@code 127.0.0.1} ({@link MariaDbAccounts}): credentials for
 * local development and tests only.
 */
public final class MariaDbServer extends ChildProcessServer implements Server {

  /** The application user, for local development and tests only. */
  public static final String USER = "flightdeck";

  /** The application user's password, for local development and tests only. */
  public static final String PASSWORD = "flightdeck";

  /**
   * The operations user: every privilege, {@code READ_ONLY ADMIN} included (the application user
   * lacks it, so {@code read_only} fences its writes); for local development and tests only.
   */
  public static final String ADMIN_USER = "flightdeck_admin";

  /** The operations user's password, for local development and tests only. */
  public static final String ADMIN_PASSWORD = "flightdeck_admin";

  private static final Pattern STORE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,40}");
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final String store;
  private final MariaDbOptions options;

  MariaDbServer(
      String store,
      StateFolder state,
      BinaryCache cache,
      OptionalInt fixedPort,
      MariaDbOptions options) {
    super("mariadb-" + checked(store), "TERM", state, cache, fixedPort);
    this.store = store;
    this.options = options;
  }

  private static String checked(String store) {
    if (!STORE_NAME.matcher(store).matches()) {
      throw new IllegalArgumentException(
          "Bad MariaDB store name '" + store + "': use " + STORE_NAME);
    }
    return store;
  }

  /** The store's name, e.g. {@code shard-0}. */
  public String store() {
    return store;
  }

  @Override
  protected void startFresh() {
    Path home = Launch.binaries(name(), files, cache::mariaDbHome);
    ServerSettings settings = ServerSettings.of(files);
    int port = Launch.freePort(name(), files, settings, "port", fixedPort);
    // Unique among this machine's servers when first chosen (the port), then kept: replication
    // needs them stable. A fixed option wins over what was remembered.
    int serverId = options.serverId().orElse(settings.getInt("server-id").orElse(port));
    settings.putInt("server-id", serverId);
    int domainId = options.gtidDomainId().orElse(settings.getInt("gtid-domain-id").orElse(port));
    settings.putInt("gtid-domain-id", domainId);
    initialiseOnce(home);
    process.launch(serverCommand(home, port, serverId, domainId), Map.of(), files.dir());
    process.awaitReady(READY_TIMEOUT, () -> cli(home, port, "SELECT 1").succeeded());
    run(home, port, MariaDbAccounts.setUp());
  }

  private void initialiseOnce(Path home) {
    if (Files.exists(files.initialisedMarker())) {
      return;
    }
    List<String> install =
        new ArrayList<>(
            List.of(
                "--no-defaults",
                "--basedir=" + home,
                "--skip-name-resolve",
                "--auth-root-authentication-method=normal",
                "--innodb-log-file-size=16M"));
    if (RootUser.isCurrent()) {
      install.add("--user=root");
    }
    String name = home.getFileName() + "-data-" + Integer.toHexString(install.hashCode());
    Path template = cache.dataTemplate(name, data -> install(home, install, data));
    Launch.initialiseData(
        name(),
        files,
        INSTALL_TIMEOUT,
        new Command(List.of("cp", "-a", template.toString(), files.data().toString())));
  }

  /** Runs {@code mariadb-install-db} into {@code data}. */
  private static void install(Path home, List<String> options, Path data) throws IOException {
    // Its own tmpdir: bootstraps running in parallel collide on temporary table files in /tmp.
    Path tmp = data.resolveSibling(data.getFileName() + ".tmp");
    BinaryCache.deleteTree(tmp);
    Files.createDirectories(tmp);
    List<String> install = new ArrayList<>();
    install.add(home.resolve("scripts/mariadb-install-db").toString());
    install.addAll(options);
    install.add("--datadir=" + data);
    install.add("--tmpdir=" + tmp);
    Command.Result result = new Command(install).run(INSTALL_TIMEOUT);
    BinaryCache.deleteTree(tmp);
    if (!result.succeeded()) {
      throw new IOException(
          "mariadb-install-db failed (exit " + result.exitCode() + "): " + result.output());
    }
  }

  private Path tmpDir() {
    Path tmp = files.dir().resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tmp;
  }

  private List<String> serverCommand(Path home, int port, int serverId, int domainId) {
    List<String> command =
        new ArrayList<>(
            List.of(
                home.resolve("bin/mariadbd").toString(),
                "--no-defaults",
                "--basedir=" + home,
                "--datadir=" + files.data(),
                "--tmpdir=" + tmpDir(),
                "--port=" + port,
                "--bind-address=" + Ports.HOST,
                "--socket=" + Launch.socketPath(files, "mariadb.sock"),
                "--pid-file=" + files.dir().resolve("mariadbd.pid")));
    command.addAll(MariaDbOptions.serverSettings(serverId, domainId));
    if (RootUser.isCurrent()) {
      command.add("--user=root"); // mariadbd aborts as root without it
    }
    return command;
  }

  /** How clients reach this server; it must have been started once. */
  public MariaDbEndpoint endpoint() {
    return new MariaDbEndpoint(
        store, Ports.HOST, startedPort(), USER, PASSWORD, ADMIN_USER, ADMIN_PASSWORD);
  }

  /** Creates the database unless it exists; names are letters, digits and underscores. */
  public void createDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Bad database name '" + database + "': use " + DATABASE_NAME);
    }
    sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
  }

  /**
   * Runs SQL as root through MariaDB's own command-line client (no JDBC driver needed here).
   *
   * @return the output, tab-separated rows without a header
   * @throws IllegalStateException with the client's message when a statement fails
   */
  public String sql(String statements) {
    return run(cache.mariaDbHome(), endpoint().port(), statements);
  }

  private String run(Path home, int port, String statements) {
    Command.Result result = cli(home, port, statements);
    if (!result.succeeded()) {
      throw new IllegalStateException(
          name() + ": SQL failed (exit " + result.exitCode() + "): " + result.output().strip());
    }
    return result.output();
  }

  /**
   * Runs SQL as another account, {@code user} / {@code password}, and reports how it ended rather
   * than throwing (tests: what the application user may do).
   */
  Command.Result sqlAs(String user, String password, String statements) {
    return MariaDbClient.sql(home(), endpoint().port(), user, password, statements);
  }

  /**
   * {@link #replicateFrom}: provisions this (empty) server as a read-only replica of {@code
   * primary}'s {@code database}, or finds it one already.
   *
   * @throws IllegalStateException when this server holds data but replicates from nothing, or
   *     replicates from another server, or does not replicate within a minute of its start
   */
  public MariaDbReplica.Provisioned replicateFrom(MariaDbServer primary, String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Bad database name '" + database + "': use " + DATABASE_NAME);
    }
    return new MariaDbReplica(this).provision(primary, database);
  }

  /** MariaDB's base dir, for its client tools. */
  Path home() {
    return cache.mariaDbHome();
  }

  private static Command.Result cli(Path home, int port, String statements) {
    return MariaDbClient.sql(home, port, "root", "", statements);
  }

  @Override
  public Map<String, String> properties() {
    return endpoint().properties();
  }
}
