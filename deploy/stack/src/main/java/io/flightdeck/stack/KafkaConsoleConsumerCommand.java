package io.flightdeck.stack;

import io.flightdeck.servers.KafkaBroker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kafka-console-consumer}: Kafka's own console consumer, from the jars the stack's broker
 * runs on, pointed at the running stack's broker. Every argument goes to the tool unchanged.
 */
@Command(
    name = "kafka-console-consumer",
    description =
        "Runs Kafka's console consumer (org.apache.kafka.tools.consumer.ConsoleConsumer) from the "
            + "broker's own jars against the running stack; --bootstrap-server is added unless given. "
            + "Example: deploy/flightdeck kafka-console-consumer -- --topic records.completed --from-beginning "
            + "--property print.key=true",
    mixinStandardHelpOptions = true)
final class KafkaConsoleConsumerCommand implements Callable<Integer> {
  static final String CONSOLE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";

  @Parameters(description = "the console consumer's own options (put them after --)")
  List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    LocalStack stack = LocalStack.of(Flightdeck.projectRoot(), StackPorts.defaults());
    KafkaBroker kafka = stack.servers().kafka();
    if (!kafka.status().running()) {
      System.err.println("flightdeck: Kafka does not run; 'deploy/flightdeck up' starts the stack");
      return 1;
    }
    List<String> toolArguments = new ArrayList<>(arguments);
    if (!toolArguments.contains("--bootstrap-server")) {
      toolArguments.addAll(0, List.of("--bootstrap-server", kafka.bootstrapServers()));
    }
    Process tool =
        new ProcessBuilder(kafka.toolCommand(CONSOLE_CONSUMER, toolArguments)).inheritIO().start();
    return tool.waitFor();
  }
}
