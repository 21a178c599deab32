package io.flightdeck.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A Quarkus application run from its fast-jar ({@code target/quarkus-app/quarkus-run.jar}) as a
 * detached child JVM, started, found, reused and stopped exactly like the other servers. It listens
 * on one HTTP port on loopback and receives, as system properties, the endpoint properties of every
 * other server of its {@link ServerSet} ({@code flightdeck.servers.*}), then {@code
 * flightdeck.local-development=true}, then its own properties (which may override that), then
 * {@code quarkus.http.host} and {@code quarkus.http.port}.
 *
 * <p>It counts as running when found again once {@code GET /q/health/live} answers 200 (a service
 * whose broker is briefly away is up, and says so in {@code /q/health}), but {@link #start} returns
 * only once {@code GET /q/health/ready} answers 200, whether it started the service or found it
 * running: whoever starts a set ({@code flightdeck up}, a test) may use every service at once.
 * Before, {@code up} returned on liveness and the aggregator answered 503 right after. A running
 * service launched with other properties or on another port than a start now asks for is stopped
 * and started afresh, so a changed server port or flag never leaves a service talking to the old
 * one.
 */
public final class QuarkusService implements Server {

  /** Marks a service's run as local development, where public development secrets are allowed. */
  public static final String LOCAL_DEVELOPMENT = "flightdeck.local-development";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /**
   * Enough for a local service; without it each JVM may claim a quarter of the machine's memory.
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-Djava.awt.headless=true");

  private final String name;
  private final Path runJar;
  private final Map<String, String> ownProperties;
  private final Supplier<Map<String, String>> serverProperties;
  private final List<String> dependsOn;
  private final ServerFiles files;
  private final OptionalInt fixedPort;
  private final ServerProcess process;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  QuarkusService(
      String name,
      Path runJar,
      Map<String, String> ownProperties,
      Supplier<Map<String, String>> serverProperties,
      List<String> dependsOn,
      StateFolder state,
      OptionalInt fixedPort) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Bad service name '" + name + "': use " + NAME);
    }
    this.name = name;
    this.runJar = runJar.toAbsolutePath().normalize();
    this.ownProperties = Map.copyOf(ownProperties);
    this.serverProperties = serverProperties;
    this.dependsOn = List.copyOf(dependsOn);
    this.files = state.server(name);
    this.fixedPort = fixedPort;
    this.process = new ServerProcess(name, files);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ServerFiles files() {
    return files;
  }

  /** The application's fast-jar. */
  public Path runJar() {
    return runJar;
  }

  /** Every server of the set that is not itself a service: they are ready before it starts. */
  @Override
  public List<String> dependsOn() {
    return dependsOn;
  }

  @Override
  public boolean start() {
    stopIfLaunchedDifferently();
    boolean started =
        process.ensureRunning(() -> port().stream().anyMatch(this::live), this::startFresh);
    if (!started) {
      int port = port().orElseThrow();
      process.awaitReady(READY_TIMEOUT, () -> answers(port, "ready"));
    }
    return started;
  }

  private void stopIfLaunchedDifferently() {
    if (process.live().isEmpty()) {
      return;
    }
    OptionalInt port = fixedPort.isPresent() ? fixedPort : port();
    String wanted = port.isEmpty() ? null : String.join(" ", command(port.getAsInt()));
    if (wanted != null && !wanted.equals(launchedCommand())) {
      System.getLogger(ServerSet.class.getName())
          .log(
              System.Logger.Level.INFO,
              "{0} runs with other settings than asked for now; restarting it",
              name);
      stop();
    }
  }

  private void startFresh() {
    if (!Files.isRegularFile(runJar)) {
      throw new ServerStartException(
          name,
          "binary missing: no "
              + runJar
              + " (build the application first: ./mvnw install -DskipTests)",
          files.log());
    }
    int port = Launch.freePort(name, files, ServerSettings.of(files), "port", fixedPort);
    List<String> command = command(port);
    process.launch(command, Map.of(), files.dir());
    write(launchedCommandFile(), String.join(" ", command));
    process.awaitReady(READY_TIMEOUT, () -> answers(port, "ready"));
  }

  private List<String> command(int port) {
    Map<String, String> properties = new TreeMap<>(serverProperties.get());
    // Everything this launcher runs is local development (loopback, public development secrets):
    // say so, or the service refuses to start with those secrets. A caller's own value wins.
    properties.put(LOCAL_DEVELOPMENT, "true");
    properties.putAll(ownProperties);
    properties.put("quarkus.http.host", Ports.HOST);
    properties.put("quarkus.http.port", String.valueOf(port));
    List<String> command = new ArrayList<>();
    command.add(Launch.javaCommand());
    // Names the service's folder on its command line: that is how a later JVM recognises the
    // process.
    command.add("-Dflightdeck.service.dir=" + files.dir());
    command.addAll(JVM_OPTIONS);
    command.addAll(Launch.extraJvmOptions(name, System::getenv));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(runJar.toString());
    return command;
  }

  private boolean live(int port) {
    return answers(port, "live");
  }

  /** Whether {@code /q/health/<check>} answers 200. */
  private boolean answers(int port, String check) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url(port) + "/q/health/" + check))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening (yet)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private Path launchedCommandFile() {
    return files.dir().resolve("launched-with");
  }

  private String launchedCommand() {
    try {
      return Files.isRegularFile(launchedCommandFile())
          ? Files.readString(launchedCommandFile())
          : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  @Override
  public OptionalInt port() {
    return ServerSettings.of(files).getInt("port");
  }

  /** {@code http://127.0.0.1:<port>}; the service must have been started once. */
  public String url() {
    return url(
        port().orElseThrow(() -> new IllegalStateException(name + " has never been started")));
  }

  private static String url(int port) {
    return "http://" + Ports.HOST + ":" + port;
  }

  @Override
  public boolean stop() {
    return process.stop("TERM", STOP_GRACE);
  }

  @Override
  public boolean kill() {
    return process.kill();
  }

  @Override
  public ServerStatus status() {
    return Launch.status(name, files, process, port());
  }

  /** {@code flightdeck.services.<name>.url}. */
  @Override
  public Map<String, String> properties() {
    return Map.of("flightdeck.services." + name + ".url", url());
  }
}
