package io.flightdeck.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one JVM), run as a
 * child JVM from Kafka's own jars at the version of the platform's kafka-clients. Topics are
 * created on first use with 3 partitions; internal topics have replication factor and min ISR 1;
 * consumer groups rebalance without delay. Its storage is formatted once, with a fixed cluster id.
 */
public final class KafkaBroker extends ChildProcessServer implements Server {

  /**
   * Fixed, so formatting is done once and a kept data dir always matches:
   * base64url("flightdeck-local").
   */
  static final String CLUSTER_ID = "ZmxpZ2h0ZGVjay1sb2NhbA";

  private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  KafkaBroker(StateFolder state, BinaryCache cache, OptionalInt fixedPort) {
    super("kafka", "TERM", state, cache, fixedPort);
  }

  @Override
  protected void startFresh() {
    List<Path> jars = Launch.binaries(name(), files, cache::kafkaClasspath);
    ServerSettings settings = ServerSettings.of(files);
    int port = Launch.freePort(name(), files, settings, "port", fixedPort);
    int controllerPort =
        Launch.freePort(name(), files, settings, "controller-port", OptionalInt.empty());
    while (controllerPort == port) {
      settings.putInt("controller-port", Ports.free());
      controllerPort =
          Launch.freePort(name(), files, settings, "controller-port", OptionalInt.empty());
    }
    Path config = files.dir().resolve("server.properties");
    Path logConfig = files.dir().resolve("log4j2.xml");
    write(config, serverProperties(port, controllerPort, files.data()));
    write(logConfig, LOG_CONFIG);
    String classpath =
        jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    // Skipped once meta.properties exists: formatting a formatted folder fails. A new folder is a
    // copy of one formatted once per Kafka version (the format is a JVM of its own: seconds).
    String name =
        "kafka-data-"
            + CLUSTER_ID
            + "-"
            + Integer.toHexString(
                jars.stream().map(jar -> jar.getFileName().toString()).toList().hashCode());
    int controller = controllerPort;
    Path template = cache.dataTemplate(name, data -> format(classpath, port, controller, data));
    Launch.initialiseData(
        name(),
        files,
        FORMAT_TIMEOUT,
        new Command(List.of("cp", "-a", template.toString(), files.data().toString())));
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Launch.javaCommand(),
                "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logConfig));
    command.addAll(Launch.extraJvmOptions(name(), System::getenv));
    command.addAll(List.of("-cp", classpath, "kafka.Kafka", config.toString()));
    process.launch(command, Map.of(), files.dir());
    int bootstrapPort = port;
    process.awaitReady(
        READY_TIMEOUT,
        () ->
            process.logSinceLaunch().contains("Kafka Server started")
                && Ports.answers(bootstrapPort));
  }

  /**
   * The command line that runs one of Kafka's own tools (for example {@code
   * org.apache.kafka.tools.consumer.ConsoleConsumer}) from the jars this broker runs on, logging
   * warnings and errors only.
   */
  public List<String> toolCommand(String mainClass, List<String> arguments) {
    String classpath =
        cache.kafkaClasspath().stream()
            .map(Path::toString)
            .collect(Collectors.joining(java.io.File.pathSeparator));
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Launch.javaCommand(),
                "-Xmx256m",
                "-Dlog4j2.level=WARN",
                "-cp",
                classpath,
                mainClass));
    command.addAll(arguments);
    return List.copyOf(command);
  }

  /** Formats {@code data} as the storage of a broker with these ports. */
  private void format(String classpath, int port, int controllerPort, Path data)
      throws IOException {
    Path config = data.resolveSibling(data.getFileName() + ".properties");
    write(config, serverProperties(port, controllerPort, data));
    try {
      Command.Result result =
          new Command(
                  List.of(
                      Launch.javaCommand(),
                      "-cp",
                      classpath,
                      "kafka.tools.StorageTool",
                      "format",
                      "-t",
                      CLUSTER_ID,
                      "-c",
                      config.toString()))
              .run(FORMAT_TIMEOUT);
      if (!result.succeeded()) {
        throw new IOException(
            "Kafka's storage format failed (exit " + result.exitCode() + "): " + result.output());
      }
    } finally {
      Files.deleteIfExists(config);
    }
  }

  private String serverProperties(int port, int controllerPort, Path logDir) {
    return String.join(
        "\n",
        "# Written by the Flightdeck launcher at every start; edits are lost.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + Ports.HOST + ":" + controllerPort,
        "listeners=PLAINTEXT://"
            + Ports.HOST
            + ":"
            + port
            + ",CONTROLLER://"
            + Ports.HOST
            + ":"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://" + Ports.HOST + ":" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + logDir,
        "auto.create.topics.enable=true",
        "num.partitions=3",
        "group.initial.rebalance.delay.ms=0",
        // One node: every internal topic must make do with one replica.
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // Fewer internal partitions than the default 50: the first consumer group starts faster on
        // 2 cores.
        "offsets.topic.num.partitions=10",
        "transaction.state.log.num.partitions=10",
        "");
  }

  private static final String LOG_CONFIG =
      """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Written by the Flightdeck launcher: the broker logs to stdout, which goes to server.log. -->
            <Configuration status="warn">
              <Appenders>
                <Console name="stdout" target="SYSTEM_OUT">
                  <PatternLayout pattern="[%d] %p %m (%c)%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Logger name="kafka.request.logger" level="warn"/>
                <Logger name="state.change.logger" level="warn"/>
                <Root level="info">
                  <AppenderRef ref="stdout"/>
                </Root>
              </Loggers>
            </Configuration>
            """;

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** {@code 127.0.0.1:<port>}; the broker must have been started once. */
  public String bootstrapServers() {
    return Ports.HOST + ":" + startedPort();
  }

  @Override
  public Map<String, String> properties() {
    return Endpoints.kafkaProperties(bootstrapServers());
  }
}
