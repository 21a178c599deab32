package io.flightdeck.postflight;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the service's own Prometheus scrape, {@code /q/metrics}, as an operator's Prometheus would
 * (the tests call on loopback, where the endpoint answers).
 */
public final class ScrapedMetrics {
  private ScrapedMetrics() {}

  /**
   * The value of the one sample of {@code name} whose labels include every {@code label="value"}
   * given (NaN when several match); empty when there is no such series (a gauge not registered, or
   * removed).
   */
  public static Optional<Double> value(String name, String... labels) {
    String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return scrape
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .reduce((a, b) -> Double.NaN);
  }

  /** A label matcher for {@link #value}: {@code label="value"}. */
  public static String label(String label, String value) {
    return label + "=\"" + value + "\"";
  }
}
