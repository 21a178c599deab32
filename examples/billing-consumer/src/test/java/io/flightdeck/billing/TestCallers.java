package io.flightdeck.billing;

import io.flightdeck.auth.DevelopmentCredentials;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests as this consumer's callers send them, with the development tokens {@code %test} accepts.
 */
final class TestCallers {
  private TestCallers() {}

  /** An operator's request: {@code Authorization: Bearer <operator token>}. */
  static RequestSpecification asOperator() {
    return RestAssured.given().auth().oauth2(DevelopmentCredentials.OPERATOR_TOKEN);
  }

  /** Another service's request, e.g. an invoicing system reading totals. */
  static RequestSpecification asService() {
    return RestAssured.given().auth().oauth2(DevelopmentCredentials.SERVICE_TOKEN);
  }
}
