package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.operations.Cancellations;
import io.flightdeck.postflight.operations.split.ShardSplits;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Shard splits: a key range, or accounts, moved from one shard to another (operators' API). */
@Path("/admin/v1/ShardSplits")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class ShardSplitsResource {
  private final ShardSplits splits;
  private final Cancellations cancellations;

  public ShardSplitsResource(ShardSplits splits, Cancellations cancellations) {
    this.splits = splits;
    this.cancellations = cancellations;
  }

  /**
   * {@code {"source": "shard-1", "target": "shard-2", "ranges": ["c000000000000000-"], "accounts":
   * [], "dry_run": true}}.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Request(
      String source, String target, List<String> ranges, List<String> accounts, Boolean dryRun) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start a shard split, or check one and store its plan (dry run)",
      description =
          "Every pre-check runs: both shards in the catalogue, the ranges and accounts owned by the source in"
              + " both maps, the target named by no map and empty, no other split on either shard. Without"
              + " ranges and accounts the upper half of the source's range moves. The plan is the operation's"
              + " steps, cut being the point of no return: a dry run stops there, a split is driven through"
              + " them (follow it with GET /admin/v1/ShardSplits/{Id}).")
  @APIResponse(responseCode = "201", description = "The split or dry run, with its steps")
  @APIResponse(
      responseCode = "400",
      description =
          "A field missing or wrong, an unknown shard, a range or account not the source's")
  @APIResponse(
      responseCode = "409",
      description = "The target is mapped or holds rows, or another split runs on the shard")
  public Uni<Response> start(Request request) {
    if (request == null) {
      throw new InvalidFieldException(
          "body",
          "the body must be {\"source\", \"target\", \"ranges\", \"accounts\", \"dry_run\"}");
    }
    return splits
        .start(
            request.source(),
            request.target(),
            request.ranges(),
            request.accounts(),
            Boolean.TRUE.equals(request.dryRun()))
        .map(
            status ->
                OperationAnswers.started(Response.Status.CREATED, status, "/admin/v1/ShardSplits"));
  }

  @GET
  @Path("/{Id}")
  @Operation(
      summary =
          "A split's status from its stored steps: each step's state, start, end, progress and reason, and"
              + " the point of no return")
  public Uni<Response> status(@PathParam("Id") String id) {
    return splits.status(id).map(found -> OperationAnswers.found(found, "shard split " + id));
  }

  @POST
  @Path("/{Id}/Cancel")
  @Operation(summary = "Cancel a split before its point of no return (cut); its undo steps run")
  @APIResponse(responseCode = "200", description = "Cancelled; the body is its status")
  @APIResponse(responseCode = "404", description = "No such split")
  @APIResponse(
      responseCode = "409",
      description = "Past the point of no return, finished, or cancelled already; nothing changed")
  public Uni<Response> cancel(@PathParam("Id") String id) {
    return splits
        .status(id)
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().item(OperationAnswers.notFound("shard split " + id))
                    : cancellations
                        .cancel(id)
                        .map(cancelled -> OperationAnswers.found(cancelled, "shard split " + id)));
  }
}
