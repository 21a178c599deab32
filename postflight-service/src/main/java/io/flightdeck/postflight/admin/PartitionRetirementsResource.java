package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.operations.retirement.Retirements;
import io.flightdeck.record.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Retirements of old months: drop every month before a given one on every shard, as a long
 * operation (operators' API).
 */
@Path("/admin/v1/PartitionRetirements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partitions")
public class PartitionRetirementsResource {
  private final Retirements retirements;

  public PartitionRetirementsResource(Retirements retirements) {
    this.retirements = retirements;
  }

  /**
   * {@code {"before": "2025-03", "dry_run": true}}: retire every month before March 2025, or only
   * check and count.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Request(String before, Boolean dryRun) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Start a retirement: drop every month before 'before' on every shard (one step per shard)",
      description =
          "With dry_run the steps check each shard and count, exactly, the rows they would drop; nothing changes."
              + " Follow it with GET /admin/v1/PartitionRetirements/{Id}. A shard that is down waits and is retried; the others go on.")
  @APIResponse(responseCode = "201", description = "Started; the body is its status")
  @APIResponse(
      responseCode = "400",
      description = "before missing, not YYYY-MM, or in the future; nothing changed")
  @APIResponse(
      responseCode = "409",
      description =
          "before inside the retention, a month still holding records in flight, or another retirement unfinished; nothing changed")
  @APIResponse(
      responseCode = "503",
      description =
          "inflight-service could not say which months hold records in flight; nothing changed")
  public Uni<Response> start(Request request) {
    if (request == null) {
      throw new InvalidFieldException(
          "body", "the body must be {\"before\": \"YYYY-MM\", \"dry_run\": true|false}");
    }
    return retirements
        .start(request.before(), Boolean.TRUE.equals(request.dryRun()))
        .map(
            status ->
                OperationAnswers.started(
                    Response.Status.CREATED, status, "/admin/v1/PartitionRetirements"));
  }

  @GET
  @Path("/{Id}")
  @Operation(
      summary =
          "A retirement's status, derived from its stored steps: each shard's state, progress and reason")
  public Uni<Response> status(@PathParam("Id") String id) {
    return retirements.status(id).map(found -> OperationAnswers.found(found, "retirement " + id));
  }
}
