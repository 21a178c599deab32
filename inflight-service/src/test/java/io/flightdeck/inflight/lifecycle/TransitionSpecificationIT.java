package io.flightdeck.inflight.lifecycle;

import static io.flightdeck.inflight.Producer.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.LifecycleFixtures;
import io.flightdeck.record.LifecycleFixtures.Move;
import io.flightdeck.record.RecordKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pair of statuses of every kind, through the producers' API, as record-contract specifies.
 */
@QuarkusTest
@WithRealServers
class TransitionSpecificationIT {
  private static final String ACCOUNT = Producer.newAccount();

  static Stream<Move> everyMove() {
    return LifecycleFixtures.everyMove().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyMove")
  void theServiceAnswersEveryMoveAsSpecified(Move move) {
    String resource =
        "/internal/v1/Accounts/"
            + ACCOUNT
            + (move.kind() == RecordKind.CALL ? "/Calls" : "/Messages");
    String sid =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"from\": \"+14155550100\", \"to\": \"+14155550101\", \"status\": \""
                    + move.from()
                    + "\"}")
            .post(resource)
            .then()
            .statusCode(201)
            .body("version", equalTo(1))
            .extract()
            .path("sid");
    var answer =
        given()
            .contentType(ContentType.JSON)
            .body("{\"status\": \"" + move.to() + "\"}")
            .post(resource + "/" + sid + "/Transitions")
            .then();
    switch (move.expected()) {
      case APPLIED ->
          answer.statusCode(200).body("status", equalTo(move.to())).body("version", equalTo(2));
      case NO_OP ->
          answer.statusCode(200).body("status", equalTo(move.from())).body("version", equalTo(1));
      case REFUSED -> {
        answer
            .statusCode(409)
            .body("code", equalTo(20409))
            .body(
                "message",
                containsString("cannot move from '" + move.from() + "' to '" + move.to() + "'"));
        given()
            .get(resource + "/" + sid)
            .then()
            .statusCode(200)
            .body("status", equalTo(move.from()))
            .body("version", equalTo(1));
      }
    }
  }
}
