package io.flightdeck.rest.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.api.ApiError;
import io.flightdeck.api.ErrorCode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void anErrorAnswersWithItsCodesStatusAndTheBodyTwilioClientsRead() {
    Response answer = ErrorResponses.of(ErrorCode.CONFLICT, "the record moved on");

    assertThat(answer.getStatus()).isEqualTo(409);
    assertThat(answer.getMediaType().toString()).isEqualTo("application/json");
    assertThat(answer.getEntity())
        .isEqualTo(
            new ApiError(
                20409, "the record moved on", "https://www.twilio.com/docs/errors/20409", 409));
  }

  @Test
  void anUnreachableDependencyIsA503NamingIt() {
    Response answer = ErrorResponses.dependencyUnreachable("shard shard-1");

    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getEntity())
        .isEqualTo(
            ApiError.of(
                ErrorCode.SERVICE_UNAVAILABLE, "shard shard-1 is unavailable; retry later"));
    assertThat(answer.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void theExceptionCarriesTheNameForTheClientAndTheCauseForTheLog() {
    var e =
        new DependencyUnreachableException(
            "postflight-service", new IllegalStateException("connection refused"));

    assertThat(e.dependency()).isEqualTo("postflight-service");
    assertThat(e).hasMessage("postflight-service is unavailable: connection refused");
    assertThat(new ApiErrors().dependencyUnreachable(e).getEntity())
        .isEqualTo(
            ApiError.of(
                ErrorCode.SERVICE_UNAVAILABLE, "postflight-service is unavailable; retry later"));
  }

  @Test
  void aChallengeTravelsAsAHeader() {
    Response answer =
        ErrorResponses.of(
            ErrorCode.AUTHENTICATE,
            "credentials, please",
            "WWW-Authenticate",
            "Bearer realm=\"Flightdeck\"");

    assertThat(answer.getStatus()).isEqualTo(401);
    assertThat(answer.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"Flightdeck\"");
  }
}
