package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What is still in flight, across accounts (internal; read by postflight-service with the service
 * credential). A record stays here until post-flight has stored it, so the oldest live record
 * bounds which months post-flight may still receive records for: post-flight never retires its
 * month.
 */
@Path("/internal/v1/LiveRecords")
@Callers({Role.SERVICE, Role.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class LiveRecordsResource {
  private final Mutiny.SessionFactory sessions;

  public LiveRecordsResource(Mutiny.SessionFactory sessions) {
    this.sessions = sessions;
  }

  /** When the oldest live record was created; null when nothing is in flight. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Oldest(Instant dateCreated) {}

  @GET
  @Path("/Oldest")
  @Operation(
      summary =
          "The creation time of the oldest record still in flight, any account and kind ({\"date_created\": null} when none)")
  public Uni<Oldest> oldest() {
    // No index leads with date_created (none is worth its cost on the write path): this reads the
    // live table's index once, which holds only the records in flight. Operators ask rarely.
    return sessions
        .withStatelessSession(
            session ->
                session
                    .createSelectionQuery(
                        "select min(r.dateCreated) from LiveRecord r", Instant.class)
                    .getSingleResultOrNull())
        .map(Oldest::new);
  }
}
