package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.operations.schema.ShardSchemaChanges;
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
 * Schema changes of a shard (operators' API): the pending rolling migrations applied server by
 * server, replicas first and then by a pivot, followed step by step. Each server's schema alone is
 * {@code GET /admin/v1/Shards/{Id}/Schema} ({@link ShardsResource}).
 */
@Path("/admin/v1/Shards/{Id}/SchemaChanges")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class SchemaChangesResource {
  private final ShardSchemaChanges changes;

  public SchemaChangesResource(ShardSchemaChanges changes) {
    this.changes = changes;
  }

  /** {@code {"dry_run": false}}; the body may be left out (a real change). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Request(Boolean dryRun) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start a schema change: apply the shard's pending rolling migrations",
      description =
          "With replicas: pre-check (the pivot's pre-checks too), change-replicas (without binary"
              + " logging), the pivot's steps from block-writes to repoint-replicas (promote is the"
              + " point of no return), change-old-primary, verify. Without a replica: pre-check,"
              + " change-primary (in place), verify.")
  @APIResponse(responseCode = "202", description = "Started (or stored as a dry run); its status")
  @APIResponse(responseCode = "404", description = "No such shard")
  @APIResponse(
      responseCode = "409",
      description =
          "Nothing pending, another operation on the shard, or a pre-check failed; nothing changed")
  public Uni<Response> start(@PathParam("Id") String shard, Request request) {
    boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
    return changes
        .start(shard, dryRun)
        .map(
            status ->
                OperationAnswers.started(
                    Response.Status.ACCEPTED,
                    status,
                    "/admin/v1/Shards/" + shard + "/SchemaChanges"));
  }

  @GET
  @Path("/{ChangeId}")
  @Operation(summary = "A schema change's status from its stored steps")
  public Uni<Response> status(@PathParam("Id") String shard, @PathParam("ChangeId") String id) {
    return changes
        .change(shard, id)
        .map(
            found ->
                OperationAnswers.found(found, "schema change %s of shard %s".formatted(id, shard)));
  }
}
