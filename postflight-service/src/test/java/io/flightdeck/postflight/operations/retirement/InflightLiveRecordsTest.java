package io.flightdeck.postflight.operations.retirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.auth.AuthConfig;
import io.flightdeck.auth.ServiceCredentials;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client of inflight-service's oldest live record, against a local HTTP server that answers as
 * inflight-service does.
 */
class InflightLiveRecordsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final AtomicReference<String> answer = new AtomicReference<>();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> seen = new AtomicReference<>();
  private HttpServer inflight;

  @BeforeEach
  void startInflight() {
    inflight =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  seen.set(
                      request.method()
                          + " "
                          + request.path()
                          + " "
                          + request.getHeader("Authorization"));
                  request
                      .response()
                      .setStatusCode(status.get())
                      .putHeader("Content-Type", "application/json")
                      .endAndForget(answer.get());
                })
            .listen(0, "127.0.0.1")
            .await()
            .atMost(WAIT);
  }

  @AfterEach
  void stop() {
    vertx.closeAndAwait();
  }

  @Test
  void asksWithTheServiceCredentialAndReadsTheOldestLiveRecord() {
    answer.set("{\"date_created\": \"2026-11-30T23:59:00.123456Z\"}");
    assertThat(oldestCreated(theFake())).contains(Instant.parse("2026-11-30T23:59:00.123456Z"));
    assertThat(seen.get())
        .isEqualTo("GET /internal/v1/LiveRecords/Oldest Bearer flightdeck-local-service-token");

    answer.set("{\"date_created\": null}");
    assertThat(oldestCreated(theFake())).isEqualTo(Optional.empty());
  }

  @Test
  void anyOtherAnswerOrNoneMeansItCannotBeKnown() {
    status.set(401);
    answer.set("{\"code\": 20003, \"message\": \"credentials\"}");
    assertThatThrownBy(() -> oldestCreated(theFake()))
        .isInstanceOf(LiveRecordsUnknownException.class)
        .hasMessageContaining("answered 401");

    status.set(200);
    answer.set("[]");
    assertThatThrownBy(() -> oldestCreated(theFake()))
        .isInstanceOf(LiveRecordsUnknownException.class)
        .hasMessageContaining("is not {\"date_created\": …}");

    assertThatThrownBy(() -> oldestCreated("http://127.0.0.1:1"))
        .isInstanceOf(LiveRecordsUnknownException.class)
        .hasMessageContaining("inflight-service at http://127.0.0.1:1 did not answer")
        .hasMessageContaining("nothing was retired");
  }

  /** The fake inflight-service's address. */
  private String theFake() {
    return "http://127.0.0.1:" + inflight.actualPort();
  }

  private Optional<Instant> oldestCreated(String url) {
    return client(url).oldestCreated().await().atMost(WAIT);
  }

  private InflightLiveRecords client(String url) {
    return new InflightLiveRecords(
        new InflightConfig() {
          public String url() {
            return url;
          }

          public Duration timeout() {
            return Duration.ofSeconds(5);
          }
        },
        new ServiceCredentials(serviceToken("flightdeck-local-service-token")),
        new ObjectMapper(),
        vertx);
  }

  private static AuthConfig serviceToken(String token) {
    return new AuthConfig() {
      public Optional<Set<String>> producerTokenHashes() {
        return Optional.empty();
      }

      public Optional<Set<String>> serviceTokenHashes() {
        return Optional.empty();
      }

      public Optional<Set<String>> operatorTokenHashes() {
        return Optional.empty();
      }

      public Optional<String> serviceToken() {
        return Optional.of(token);
      }

      public Duration cacheTtl() {
        return Duration.ofSeconds(5);
      }
    };
  }
}
