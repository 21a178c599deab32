package io.flightdeck.benchmarks;

import io.flightdeck.stack.InflightNodes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --inflight-nodes}, shared by every program that starts inflight-service: how many
 * in-flight MariaDB nodes it writes to, started as the local stack starts them ({@link
 * InflightNodes}). One by default: a benchmark measures one thing, and on a machine of two cores a
 * second node only shares them. Each program prints the count with its figures, which are not
 * comparable across counts.
 */
final class InflightNodeOption {

  @Option(
      names = "--inflight-nodes",
      paramLabel = "N",
      defaultValue = "1",
      converter = Count.class,
      description =
          "In-flight MariaDB nodes inflight-service writes to, mariadb-inflight-0 and on, 1 to "
              + InflightNodes.MAX
              + " (default: ${DEFAULT-VALUE}).")
  int count = 1;

  int count() {
    return count;
  }

  /** The count as the reports print it: "1 in-flight node", "2 in-flight nodes". */
  String described() {
    return count + (count == 1 ? " in-flight node" : " in-flight nodes");
  }

  /** 1 to {@link InflightNodes#MAX}, else a usage error naming the value. */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return InflightNodes.stores(Integer.parseInt(value.strip())).size();
      } catch (IllegalArgumentException e) { // NumberFormatException is one
        throw new TypeConversionException(
            "'" + value + "' is no count of in-flight nodes: 1 to " + InflightNodes.MAX);
      }
    }
  }
}
