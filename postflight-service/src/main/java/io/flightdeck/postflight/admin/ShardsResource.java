package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.control.CatalogueChanges;
import io.flightdeck.postflight.control.CatalogueConflictException;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.pivot.PivotStatus;
import io.flightdeck.postflight.operations.pivot.ShardPivots;
import io.flightdeck.postflight.operations.schema.ShardSchemaChanges;
import io.flightdeck.postflight.operations.schema.ShardSchemaView;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.ShardSchema;
import io.flightdeck.record.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.flywaydb.core.api.FlywayException;

/**
 * The shard catalogue, as stored in the control database, without passwords (operators' API):
 * listed, a shard added (its server reached and its schema migrated first), a shard that serves
 * nothing removed. Every instance opens or closes its pools within a second of a change.
 */
@Path("/admin/v1/Shards")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class ShardsResource {
  private final ShardCatalogue catalogue;
  private final CatalogueChanges changes;
  private final ShardPivots pivots;
  private final ShardSchema schema;
  private final ShardSchemaChanges schemaChanges;

  public ShardsResource(
      ShardCatalogue catalogue,
      CatalogueChanges changes,
      ShardPivots pivots,
      ShardSchema schema,
      ShardSchemaChanges schemaChanges) {
    this.catalogue = catalogue;
    this.changes = changes;
    this.pivots = pivots;
    this.schema = schema;
    this.schemaChanges = schemaChanges;
  }

  /**
   * One shard: its id, its primary and replicas, the pool size, and the shard it replicates from
   * (null unless it is a split's target still catching up).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ShardBody(
      String id, Server primary, List<Server> replicas, int poolSize, String replicatesFrom) {
    static ShardBody of(ShardDefinition s, Map<String, String> replication) {
      return new ShardBody(
          s.id(),
          Server.of(s.primary()),
          s.replicas().stream().map(Server::of).toList(),
          s.poolSize(),
          replication.get(s.id()));
    }
  }

  /** Where one server listens; the password is never shown. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Server(String host, int port, String user, String database) {
    static Server of(DatabaseServer s) {
      return new Server(s.host(), s.port(), s.user(), s.database());
    }
  }

  @GET
  @Operation(summary = "Every shard of the catalogue, by id")
  public Uni<List<ShardBody>> list() {
    return catalogue
        .all()
        .chain(
            shards ->
                catalogue
                    .replication()
                    .map(
                        replication ->
                            shards.stream().map(s -> ShardBody.of(s, replication)).toList()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a shard that serves nothing yet",
      description =
          "The server is reached and the post-flight schema migrated on it before the shard is stored;"
              + " no map names it until an operation (a split) moves ranges to it. Every instance opens a"
              + " pool to it within a second.")
  @APIResponse(responseCode = "201", description = "Stored; the body is the shard")
  @APIResponse(
      responseCode = "400",
      description = "A field missing or wrong, or the server unreachable, named; nothing changed")
  @APIResponse(
      responseCode = "409",
      description = "The id is taken, or the server is another shard's; nothing changed")
  public Uni<Response> add(NewShardBody body) {
    if (body == null) {
      throw new InvalidFieldException("body", "the body must be the shard to add");
    }
    ShardDefinition shard = body.definition();
    return catalogue
        .all()
        .invoke(
            existing -> {
              if (existing.stream().anyMatch(s -> s.id().equals(shard.id()))) {
                throw new CatalogueConflictException(
                    "id", "shard " + shard.id() + " is in the catalogue already");
              }
            })
        .chain(() -> reach(shard))
        .chain(() -> changes.add(shard))
        .map(
            added ->
                Response.created(URI.create("/admin/v1/Shards/" + added.id()))
                    .entity(ShardBody.of(added, Map.of()))
                    .build());
  }

  /** Migrates the shard's schema on its primary (blocking, off the event loop). */
  private Uni<Void> reach(ShardDefinition shard) {
    return Uni.createFrom()
        .<Void>item(
            () -> {
              try {
                schema.migrateServing(shard.primary());
                return null;
              } catch (FlywayException e) {
                throw new InvalidFieldException(
                    "primary",
                    "primary %s cannot be reached or migrated: %s"
                        .formatted(shard.primary(), rootMessage(e)));
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  @GET
  @Path("/{Id}/PivotStatus")
  @Operation(
      summary =
          "Whether the shard can pivot now: every pre-check, passed or failed, with its reason",
      description =
          "to names the candidate replica (default: the shard's first); force judges a forced failover"
              + " (the primary must be down).")
  @APIResponse(responseCode = "200", description = "The pre-checks; ready says whether all pass")
  @APIResponse(responseCode = "404", description = "No such shard")
  public Uni<PivotStatus> pivotStatus(
      @PathParam("Id") String id, @QueryParam("to") String to, @QueryParam("force") boolean force) {
    return pivots.status(id, Optional.ofNullable(to), force);
  }

  @GET
  @Path("/{Id}/Schema")
  @Operation(
      summary = "The shard's schema on each of its servers",
      description =
          "The version each server has applied and the migrations pending there, rolling ones marked;"
              + " pending says whether a schema change (SchemaChanges) has work on the shard.")
  @APIResponse(responseCode = "200", description = "Each server's schema")
  @APIResponse(responseCode = "404", description = "No such shard")
  public Uni<ShardSchemaView> schema(@PathParam("Id") String id) {
    return schemaChanges.schema(id);
  }

  @DELETE
  @Path("/{Id}")
  @Operation(
      summary = "Remove a shard that no map names",
      description =
          "Every instance closes its pool to it within a second. The server is left as is.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "No such shard")
  @APIResponse(
      responseCode = "409",
      description = "A map in force names it, or a shard replicates from it; nothing changed")
  public Uni<Response> remove(@PathParam("Id") String id) {
    return changes.remove(id).map(done -> Response.noContent().build());
  }
}
