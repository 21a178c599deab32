package io.flightdeck.postflight;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The service's readiness ({@code /q/health/ready}) as an orchestrator reads it, without a token.
 */
public final class Readiness {
  private Readiness() {}

  /** Readiness now, its HTTP status checked. */
  public static ValidatableResponse readiness(int status) {
    return given().get("/q/health/ready").then().statusCode(status);
  }

  /** Waits until readiness answers with the HTTP status and passes the checks. */
  public static void awaitReadiness(
      Duration within, int status, Consumer<ValidatableResponse> checks) {
    await().atMost(within).untilAsserted(() -> checks.accept(readiness(status)));
  }

  /** The path of a field of one of readiness's checks, e.g. {@code data.stale}. */
  public static String check(String name, String field) {
    return "checks.find { it.name == '" + name + "' }." + field;
  }
}
