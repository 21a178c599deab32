package io.flightdeck.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metrics the services export, read from their main sources and named as Micrometer's
 * Prometheus registry names them: dots become underscores; a counter ends in {@code _total}; a
 * gauge or summary with a base unit ends in it ({@code _seconds}); a timer is {@code
 * <name>_seconds} with its {@code _count}, {@code _sum}, {@code _max} and {@code _bucket} series, a
 * distribution summary the same without the unit. What a rule or dashboard names must be one of
 * these, or one of {@link #FROM_LIBRARIES}.
 */
final class ExportedMetrics {
  /** The modules whose code registers meters: the four services and the flags library. */
  static final List<String> MODULES =
      List.of(
          "inflight-service",
          "postflight-service",
          "aggregator",
          "account-flags",
          "examples/billing-consumer");

  /**
   * Metrics the services export through libraries rather than their own code, each from a binder
   * Quarkus turns on with Micrometer: the Kafka clients' metrics (SmallRye's consumers).
   */
  static final Set<String> FROM_LIBRARIES = Set.of("kafka_consumer_fetch_manager_records_lag");

  private static final Pattern BUILDER =
      Pattern.compile("\\b(Counter|Gauge|Timer|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"");
  private static final Pattern SHORTHAND =
      Pattern.compile("\\.(counter|timer|summary)\\(\\s*\"([^\"]+)\"");
  private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([^\"]+)\"");

  private ExportedMetrics() {}

  /** Every metric name the modules' main sources register, in Prometheus form. */
  static Set<String> of(Path repository) {
    Set<String> names = new TreeSet<>();
    for (String module : MODULES) {
      Path sources = repository.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          names.addAll(in(Files.readString(file)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  /** The metric names one source file registers. */
  static Set<String> in(String source) {
    Set<String> names = new TreeSet<>();
    Matcher builder = BUILDER.matcher(source);
    while (builder.find()) {
      int end = source.indexOf(".register(", builder.end());
      String statement = source.substring(builder.end(), end < 0 ? source.length() : end);
      Matcher unit = BASE_UNIT.matcher(statement);
      names.addAll(
          prometheus(builder.group(1), builder.group(2), unit.find() ? unit.group(1) : null));
    }
    Matcher shorthand = SHORTHAND.matcher(source);
    while (shorthand.find()) {
      String type =
          switch (shorthand.group(1)) {
            case "counter" -> "Counter";
            case "timer" -> "Timer";
            default -> "DistributionSummary";
          };
      names.addAll(prometheus(type, shorthand.group(2), null));
    }
    return names;
  }

  private static Set<String> prometheus(String type, String name, String baseUnit) {
    String base = name.replace('.', '_').replace('-', '_');
    String unit = baseUnit == null ? "" : "_" + baseUnit;
    return switch (type) {
      case "Counter" -> Set.of(base.endsWith("_total") ? base : base + "_total");
      case "Gauge" -> Set.of(base.endsWith(unit) ? base : base + unit);
      case "Timer" -> series(base + "_seconds");
      default -> series(base.endsWith(unit) ? base : base + unit);
    };
  }

  private static Set<String> series(String name) {
    return Set.of(name, name + "_count", name + "_sum", name + "_max", name + "_bucket");
  }
}
