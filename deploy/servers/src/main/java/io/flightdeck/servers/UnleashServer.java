package io.flightdeck.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Unleash feature-flag server from the Node package in {@code deploy/unleash} (see its README),
 * run with the Node 22 binary that package pins, keeping its state in {@link PostgresServer}. The
 * package is installed with {@code npm ci} when needed, once across JVMs. After every start the
 * context field {@code accountSid} exists. Tokens and login are fixed local-development secrets,
 * defined here only.
 */
public final class UnleashServer extends ChildProcessServer implements Server {

  /** Admin API token (the whole string is the secret). Local development only. */
  public static final String ADMIN_TOKEN = "*:*.flightdeck-local-development-admin";

  /**
   * Backend (server-side SDK) token for environment {@code development}. Local development only.
   */
  public static final String CLIENT_TOKEN =
      "default:development.flightdeck-local-development-client";

  /** Frontend token for environment {@code development}. Local development only. */
  public static final String FRONTEND_TOKEN =
      "default:development.flightdeck-local-development-frontend";

  /** The UI login Unleash creates on its first start. */
  public static final String UI_USER = "admin";

  public static final String UI_PASSWORD = "unleash4all";

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final NodePackage unleashPackage;
  private final PostgresServer database;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  UnleashServer(
      StateFolder state, BinaryCache cache, PostgresServer database, OptionalInt fixedPort) {
    super("unleash", "TERM", state, cache, fixedPort);
    this.unleashPackage = NodePackage.unleash(cache);
    this.database = database;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(database.name());
  }

  @Override
  protected void startFresh() {
    int databasePort =
        database
            .port()
            .orElseThrow(
                () ->
                    new ServerStartException(
                        name(), "postgres has never been started", files.log()));
    Path node = unleashPackage.installOnce(name(), files.log());
    int port = Launch.freePort(name(), files, ServerSettings.of(files), "port", fixedPort);
    // The folder argument is ignored by start.mjs; it lets a later JVM recognise the process.
    process.launch(
        List.of(node.toString(), "start.mjs", files.dir().toString()),
        Map.of(
            "UNLEASH_PORT",
            String.valueOf(port),
            "DATABASE_HOST",
            Ports.HOST,
            "DATABASE_PORT",
            String.valueOf(databasePort),
            "DATABASE_USER",
            PostgresServer.USER,
            "DATABASE_PASSWORD",
            PostgresServer.PASSWORD,
            "DATABASE_NAME",
            PostgresServer.DATABASE,
            "INIT_ADMIN_API_TOKENS",
            ADMIN_TOKEN,
            "INIT_BACKEND_API_TOKENS",
            CLIENT_TOKEN,
            "INIT_FRONTEND_API_TOKENS",
            FRONTEND_TOKEN),
        unleashPackage.dir());
    process.awaitReady(READY_TIMEOUT, () -> status(get(port, "/ready")) == 200);
    contextFieldProblem(http, "http://" + Ports.HOST + ":" + port)
        .ifPresent(
            problem -> {
              throw new ServerStartException(name(), problem, files.log());
            });
  }

  /**
   * Creates the flags' per-account context field {@code accountSid} on the Unleash at {@code url}
   * (409: it exists already), as every start does, whoever runs the server.
   *
   * @return empty once the field exists, else what went wrong
   */
  public static Optional<String> contextFieldProblem(HttpClient http, String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/admin/context"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"accountSid\",\"description\":"
                        + "\"The account a request is made for (AC...)\",\"stickiness\":false,\"legalValues\":[]}"))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 201 || response.statusCode() == 409
          ? Optional.empty()
          : Optional.of(
              "cannot create the context field accountSid: "
                  + response.statusCode()
                  + " "
                  + response.body());
    } catch (IOException e) {
      return Optional.of("cannot create the context field accountSid: no answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(uri(port, path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static int status(HttpResponse<?> response) {
    return response == null ? -1 : response.statusCode();
  }

  private static URI uri(int port, String path) {
    return URI.create("http://" + Ports.HOST + ":" + port + path);
  }

  /** URLs, tokens and login; the server must have been started once. */
  public UnleashEndpoint endpoint() {
    String url = "http://" + Ports.HOST + ":" + startedPort();
    return new UnleashEndpoint(
        url, url + "/api/", ADMIN_TOKEN, CLIENT_TOKEN, FRONTEND_TOKEN, UI_USER, UI_PASSWORD);
  }

  @Override
  public Map<String, String> properties() {
    return endpoint().properties();
  }
}
