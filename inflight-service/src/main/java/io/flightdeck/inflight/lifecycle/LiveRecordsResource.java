package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.inflight.nodes.InflightNodes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

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
  private final InflightNodes nodes;

  public LiveRecordsResource(InflightNodes nodes) {
    this.nodes = nodes;
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
    // live table's index once on each node, which holds only the records in flight. Operators ask
    // rarely. A node that does not answer makes it a 503: an answer without it could be too late.
    return nodes
        .readEveryHolder(
            node ->
                node.pool()
                    .query("SELECT MIN(date_created) AS oldest FROM live_record")
                    .execute()
                    .map(rows -> Optional.ofNullable(rows.iterator().next().getLocalDateTime(0))))
        .map(
            oldest ->
                oldest.stream()
                    .flatMap(Optional::stream)
                    .min(Comparator.naturalOrder())
                    .map(date -> date.toInstant(ZoneOffset.UTC))
                    .orElse(null))
        .map(Oldest::new);
  }
}
