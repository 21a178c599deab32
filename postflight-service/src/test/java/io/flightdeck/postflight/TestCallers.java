package io.flightdeck.postflight;

import io.flightdeck.auth.DevelopmentCredentials;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests as this service's callers send them, with the development tokens {@code %test} accepts.
 */
public final class TestCallers {
  private TestCallers() {}

  /** An operator's request (the admin API): {@code Authorization: Bearer <operator token>}. */
  public static RequestSpecification operator() {
    return RestAssured.given().auth().oauth2(DevelopmentCredentials.OPERATOR_TOKEN);
  }

  /**
   * A service's request (the internal read API), as the aggregator and the billing consumer send
   * it.
   */
  public static RequestSpecification service() {
    return RestAssured.given().auth().oauth2(DevelopmentCredentials.SERVICE_TOKEN);
  }
}
