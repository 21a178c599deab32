package io.flightdeck.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The port flags of {@code up}. Each flag falls back to an environment variable, then to the
 * default of {@link StackPorts}; a flag given on the command line wins.
 */
final class PortOptions {

  @Option(
      names = "--aggregator-port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      defaultValue = "${env:FLIGHTDECK_AGGREGATOR_PORT:-8080}",
      description =
          "Public API (aggregator). Env FLIGHTDECK_AGGREGATOR_PORT. Default: ${DEFAULT-VALUE}.")
  int aggregator;

  @Option(
      names = "--inflight-port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      defaultValue = "${env:FLIGHTDECK_INFLIGHT_PORT:-8081}",
      description = "inflight-service. Env FLIGHTDECK_INFLIGHT_PORT. Default: ${DEFAULT-VALUE}.")
  int inflight;

  @Option(
      names = "--postflight-port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      defaultValue = "${env:FLIGHTDECK_POSTFLIGHT_PORT:-8082}",
      description =
          "postflight-service. Env FLIGHTDECK_POSTFLIGHT_PORT. Default: ${DEFAULT-VALUE}.")
  int postflight;

  @Option(
      names = "--unleash-port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      defaultValue = "${env:FLIGHTDECK_UNLEASH_PORT:-4242}",
      description = "Unleash UI and APIs. Env FLIGHTDECK_UNLEASH_PORT. Default: ${DEFAULT-VALUE}.")
  int unleash;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      converter = PortConverter.class,
      defaultValue = "${env:FLIGHTDECK_KAFKA_PORT:-9092}",
      description = "Kafka bootstrap. Env FLIGHTDECK_KAFKA_PORT. Default: ${DEFAULT-VALUE}.")
  int kafka;

  @Option(
      names = "--port",
      paramLabel = "NAME=PORT",
      split = ",",
      defaultValue = "${env:FLIGHTDECK_PORTS}",
      description =
          "Fixes the port of any other server by name: mariadb-inflight-0, mariadb-inflight-1 (one per in-flight node), "
              + "mariadb-shard-0, mariadb-shard-1, "
              + "mariadb-legacy, mariadb-control, postgres. Repeatable or comma-separated. Env FLIGHTDECK_PORTS "
              + "(e.g. mariadb-inflight-0=3306,postgres=5432). Default: chosen at the first start and remembered.")
  Map<String, String> others = new LinkedHashMap<>();

  StackPorts ports() {
    Map<String, Integer> fixed = new LinkedHashMap<>();
    others.forEach(
        (name, port) -> {
          try {
            fixed.put(name.strip(), new PortConverter().convert(port));
          } catch (TypeConversionException e) {
            throw new TypeConversionException(
                "Invalid value for option '--port' (" + name + "): " + e.getMessage());
          }
        });
    return new StackPorts(aggregator, inflight, postflight, unleash, kafka, fixed);
  }

  /** A TCP port, 1 to 65535, refused with a message naming the value. */
  static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value.strip());
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a port (1 to 65535)");
    }
  }
}
