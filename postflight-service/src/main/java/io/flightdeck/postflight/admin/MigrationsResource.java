package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.operations.migration.Migrations;
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

/** Migrations of accounts from the legacy combined store to the split design (operators' API). */
@Path("/admin/v1/Migrations")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Migrations")
public class MigrationsResource {
  private static final String COLLECTION = "/admin/v1/Migrations";

  private final Migrations migrations;

  public MigrationsResource(Migrations migrations) {
    this.migrations = migrations;
  }

  /**
   * {@code {"accounts": ["AC…"], "dry_run": false}}; {@code "all_legacy": true} adds every account
   * whose write-path is legacy in Unleash.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Request(List<String> accounts, Boolean allLegacy, Boolean dryRun) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Migrate accounts from the legacy store, or check and plan it (dry run)",
      description =
          "Steps: pre-check, backfill, writes-dual, drain, catch-up, verify, reads-shadow-split, watch,"
              + " done (the point of no return). Follow it with GET /admin/v1/Migrations/{Id}.")
  @APIResponse(responseCode = "201", description = "The migration, with its steps and accounts")
  @APIResponse(responseCode = "400", description = "No accounts, or one that is no AccountSid")
  @APIResponse(
      responseCode = "409",
      description = "An account not on legacy/legacy, or in another migration")
  @APIResponse(
      responseCode = "503",
      description = "The legacy store or Unleash is not configured, or Unleash does not answer")
  public Uni<Response> start(Request request) {
    if (request == null) {
      throw new InvalidFieldException(
          "body", "the body must be {\"accounts\": [\"AC…\"], \"dry_run\": false}");
    }
    return migrations
        .start(
            request.accounts(),
            Boolean.TRUE.equals(request.allLegacy()),
            Boolean.TRUE.equals(request.dryRun()))
        .map(
            status ->
                OperationAnswers.started(
                    Response.Status.CREATED, status, status.operation().id(), COLLECTION));
  }

  @GET
  @Path("/{Id}")
  @Operation(
      summary =
          "A migration's status: its steps, and per account the step, rows copied and verified,"
              + " mismatches, capture lag and flags")
  public Uni<Response> status(@PathParam("Id") String id) {
    return migrations.status(id).map(found -> OperationAnswers.found(found, "migration " + id));
  }

  @POST
  @Path("/{Id}/Rollback")
  @Operation(summary = "Roll a migration back before done: both flags of every account to legacy")
  @APIResponse(responseCode = "200", description = "Rolling back; the body is its status")
  @APIResponse(responseCode = "404", description = "No such migration")
  @APIResponse(
      responseCode = "409",
      description = "Done has begun, or finished or rolled back already; nothing changed")
  public Uni<Response> rollback(@PathParam("Id") String id) {
    return migrations.rollback(id).map(found -> OperationAnswers.found(found, "migration " + id));
  }
}
