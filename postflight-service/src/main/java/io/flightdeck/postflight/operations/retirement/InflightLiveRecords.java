package io.flightdeck.postflight.operations.retirement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.auth.ServiceCredentials;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link LiveRecords} from inflight-service: {@code GET /internal/v1/LiveRecords/Oldest} with the
 * service credential ({@code flightdeck.auth.service-token}), answering {@code {"date_created":
 * "…"}} or {@code {"date_created": null}}.
 */
@ApplicationScoped
public class InflightLiveRecords implements LiveRecords {
  static final String PATH = "/internal/v1/LiveRecords/Oldest";

  private final InflightConfig config;
  private final Optional<String> authorization;
  private final ObjectMapper json;
  private final HttpClient http;

  public InflightLiveRecords(
      InflightConfig config, ServiceCredentials credentials, ObjectMapper json, Vertx vertx) {
    this.config = config;
    this.authorization = credentials.authorization();
    this.json = json;
    this.http = vertx.createHttpClient();
  }

  @Override
  public Uni<Optional<Instant>> oldestCreated() {
    URI url = URI.create(config.url() + PATH);
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(url.toString())
            .putHeader("Accept", "application/json");
    authorization.ifPresent(value -> request.putHeader("Authorization", value));
    return http.request(request)
        .chain(sent -> sent.send())
        .chain(
            response ->
                response
                    .body()
                    .map(
                        body -> {
                          if (response.statusCode() != 200) {
                            throw new IllegalStateException(
                                "it answered " + response.statusCode() + " " + body);
                          }
                          return read(body.toString());
                        }))
        .ifNoItem()
        .after(config.timeout())
        .failWith(() -> new IllegalStateException("no answer within " + config.timeout()))
        .onFailure()
        .transform(
            e ->
                new LiveRecordsUnknownException(
                    "cannot tell which months still hold records in flight: inflight-service at "
                        + config.url()
                        + " did not answer ("
                        + e.getMessage()
                        + "); nothing was retired, try again when it answers",
                    e));
  }

  private Optional<Instant> read(String body) {
    try {
      // Only an explicit null means "nothing in flight": anything else unreadable is not an answer.
      JsonNode created = json.readTree(body).path("date_created");
      if (created.isNull()) {
        return Optional.empty();
      }
      if (!created.isTextual()) {
        throw new IllegalArgumentException("no date_created");
      }
      return Optional.of(Instant.parse(created.asText()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("its answer is not {\"date_created\": …}: " + body, e);
    }
  }

  @PreDestroy
  void close() {
    http.closeAndForget();
  }
}
