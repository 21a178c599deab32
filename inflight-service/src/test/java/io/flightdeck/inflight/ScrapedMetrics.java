package io.flightdeck.inflight;

import static io.flightdeck.inflight.Producer.given;

import java.util.Arrays;

/**
 * Reads the service's own Prometheus scrape, {@code /q/metrics}, as an operator's Prometheus would.
 */
public final class ScrapedMetrics {
  private ScrapedMetrics() {}

  /**
   * The sum of the samples of {@code name} whose labels include every {@code label="value"} given
   * (0 when none has been exported yet).
   */
  public static double sum(String name, String... labels) {
    String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** A label matcher for {@link #sum}: {@code label="value"}. */
  public static String label(String label, String value) {
    return label + "=\"" + value + "\"";
  }
}
