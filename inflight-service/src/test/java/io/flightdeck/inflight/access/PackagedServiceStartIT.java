package io.flightdeck.inflight.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.auth.DevelopmentCredentials;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as production runs it (the {@code prod} profile, no {@code
 * flightdeck.local-development}): it refuses to start while a development secret is configured,
 * naming each key, and starts once every secret is its own, with its operations endpoints off every
 * interface but loopback. Its store and broker point at a closed port, so it touches nothing else
 * on this machine.
 */
class PackagedServiceStartIT {
  private static final Path RUN_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void withTheDefaultDatabasePasswordAndADevelopmentTokenItRefusesToStartNamingBoth()
      throws Exception {
    Run run =
        run(
            List.of(
                "-Dflightdeck.auth.producer-token-hashes="
                    + "a".repeat(64)
                    + ","
                    + DevelopmentCredentials.PRODUCER_TOKEN_HASH));
    assertThat(run.output())
        .contains(
            "Refusing to start: flightdeck.auth.producer-token-hashes, flightdeck.inflight.control.password,"
                + " flightdeck.inflight.db.password hold a public development secret")
        .doesNotContain("Listening on");
    assertThat(run.exitCode()).isNotEqualTo(0);
  }

  @Test
  void withSecretsOfItsOwnItStartsAndServesMetricsOnlyOnLoopback() throws Exception {
    List<String> checks = new ArrayList<>();
    Run run =
        run(
            List.of(
                "-Dflightdeck.inflight.db.password=a-password-of-our-own",
                "-Dflightdeck.inflight.control.password=a-password-of-our-own",
                "-Dflightdeck.auth.producer-token-hashes=" + "a".repeat(64)),
            port -> {
              checks.add("loopback metrics " + status("127.0.0.1", port, "/q/metrics"));
              checks.add("loopback openapi " + status("127.0.0.1", port, "/q/openapi"));
              Optional<String> other = nonLoopbackAddress();
              if (other.isPresent()) {
                checks.add("other metrics " + status(other.get(), port, "/q/metrics"));
                checks.add("other swagger-ui " + status(other.get(), port, "/q/swagger-ui/"));
                checks.add("other health " + status(other.get(), port, "/q/health/live"));
              }
            });
    assertThat(run.output())
        .as(run.output())
        .contains("Listening on")
        .doesNotContain("Refusing to start");
    assertThat(checks).contains("loopback metrics 200", "loopback openapi 200");
    if (checks.size() > 2) {
      assertThat(checks).contains("other metrics 404", "other swagger-ui 404", "other health 200");
    }
  }

  private Run run(List<String> properties) throws IOException, InterruptedException {
    return run(properties, port -> {});
  }

  /**
   * Runs the jar on all interfaces until it exits or says it listens; in the latter case runs
   * {@code whileListening} with its port, then stops it. Returns what it printed.
   */
  private static Run run(List<String> properties, PortCheck whileListening)
      throws IOException, InterruptedException {
    assertThat(RUN_JAR).as("the packaged service (mvn package)").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(
        List.of(
            "-Dquarkus.http.host=0.0.0.0",
            "-Dquarkus.http.port=0",
            "-Dflightdeck.inflight.nodes.inflight-0.port=9",
            "-Dflightdeck.inflight.control.port=9",
            "-Dkafka.bootstrap.servers=127.0.0.1:9"));
    command.addAll(properties);
    command.addAll(List.of("-jar", RUN_JAR.toString()));
    Path log = Files.createTempFile(Path.of("target"), "packaged-start", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      Optional<Integer> port = Optional.empty();
      while (port.isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
        Matcher listening = LISTENING.matcher(Files.readString(log));
        port =
            listening.find() ? Optional.of(Integer.parseInt(listening.group(1))) : Optional.empty();
        Thread.sleep(200);
      }
      if (port.isPresent()) {
        whileListening.check(port.get());
      }
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private int status(String host, int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** An IPv4 address of this machine other than loopback, if it has one. */
  private static Optional<String> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(
            address ->
                address instanceof Inet4Address
                    && !address.isLoopbackAddress()
                    && !address.isLinkLocalAddress())
        .map(InetAddress::getHostAddress)
        .findFirst();
  }

  @FunctionalInterface
  private interface PortCheck {
    void check(int port) throws IOException, InterruptedException;
  }

  private record Run(int exitCode, String output) {}
}
