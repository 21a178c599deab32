package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.operations.pivot.ShardPivots;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Pivots of a shard (operators' API): the planned promotion of a replica to primary, started after
 * every pre-check passes and followed step by step. The pre-checks alone are {@code GET
 * /admin/v1/Shards/{Id}/PivotStatus} ({@link ShardsResource}).
 */
@Path("/admin/v1/Shards/{Id}/Pivots")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class PivotsResource {
  private final ShardPivots pivots;

  public PivotsResource(ShardPivots pivots) {
    this.pivots = pivots;
  }

  /**
   * {@code {"to": "shard-1-replica-1", "force": false, "dry_run": false}}; every field may be left
   * out (the shard's first replica, no force, a real pivot).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Request(String to, Boolean force, Boolean dryRun) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start a pivot: promote a replica to the shard's primary",
      description =
          "Every pre-check of PivotStatus must pass. The steps: pre-check, block-writes (read_only on the"
              + " primary), wait-for-candidate (MASTER_GTID_WAIT), promote (the point of no return),"
              + " update-catalogue, resume-writes, repoint-replicas. With force, for a primary that is down:"
              + " no write block, and the step wait-for-candidate says from which position writes may be"
              + " lost.")
  @APIResponse(responseCode = "202", description = "Started (or stored as a dry run); its status")
  @APIResponse(responseCode = "404", description = "No such shard")
  @APIResponse(
      responseCode = "409",
      description = "A pre-check failed, each failed one named; nothing changed")
  public Uni<Response> start(@PathParam("Id") String shard, Request request) {
    Request r = request == null ? new Request(null, null, null) : request;
    return pivots
        .start(
            shard,
            Optional.ofNullable(r.to()),
            Boolean.TRUE.equals(r.force()),
            Boolean.TRUE.equals(r.dryRun()))
        .map(
            status ->
                OperationAnswers.started(
                    Response.Status.ACCEPTED, status, "/admin/v1/Shards/" + shard + "/Pivots"));
  }

  @GET
  @Path("/{PivotId}")
  @Operation(summary = "A pivot's status from its stored steps")
  public Uni<Response> status(@PathParam("Id") String shard, @PathParam("PivotId") String id) {
    return pivots
        .pivot(shard, id)
        .map(found -> OperationAnswers.found(found, "pivot %s of shard %s".formatted(id, shard)));
  }
}
