package io.flightdeck.postflight.admin;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.control.ShardMapStore;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.rest.errors.ErrorResponses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The read and write shard maps (operators' API). Reads answer from the control database, the
 * source of truth; a change is stored there as a new version and every instance, this one included,
 * puts it in force at its next poll.
 */
@Path("/admin/v1/ShardMaps/{Kind}")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing", description = "Shard maps, the shard catalogue, where an account routes")
public class ShardMapsResource {
  private final ShardMapStore maps;

  public ShardMapsResource(ShardMapStore maps) {
    this.maps = maps;
  }

  @GET
  @Operation(summary = "The latest version of the read or write map (Kind: read | write)")
  public Uni<Response> latest(@PathParam("Kind") String kind) {
    MapKind mapKind = MapKind.parse("Kind", kind);
    return maps.latest(mapKind).map(found -> answer(found, mapKind + " map has no version yet"));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace the map with a new version",
      description =
          "The body is the whole new map and based_on_version, the version it replaces. The ranges must"
              + " cover the keyspace exactly once and every range and override must name a shard of the"
              + " catalogue. Every instance routes by the new version within a second.")
  @APIResponse(
      responseCode = "200",
      description = "Stored as the next version; the body is the new version")
  @APIResponse(
      responseCode = "400",
      description =
          "A gap, an overlap, an unknown shard or an unreadable field, named in the message; nothing changed")
  @APIResponse(
      responseCode = "409",
      description = "based_on_version is not the latest version; nothing changed")
  public Uni<ShardMapBody> change(@PathParam("Kind") String kind, ShardMapBody.Change change) {
    MapKind mapKind = MapKind.parse("Kind", kind);
    if (change == null) {
      throw new InvalidFieldException("body", "the body must be the new map and based_on_version");
    }
    return maps.publish(mapKind, change.basedOn(), change.toShardMap()).map(ShardMapBody::of);
  }

  @GET
  @Path("/Versions")
  @Operation(summary = "Every version of the map, newest first (without content)")
  public Uni<List<ShardMapStore.Summary>> versions(@PathParam("Kind") String kind) {
    return maps.history(MapKind.parse("Kind", kind));
  }

  @GET
  @Path("/Versions/{Version}")
  @Operation(summary = "One stored version of the map")
  public Uni<Response> version(@PathParam("Kind") String kind, @PathParam("Version") long version) {
    MapKind mapKind = MapKind.parse("Kind", kind);
    return maps.load(mapKind, version)
        .map(found -> answer(found, mapKind + " map version " + version + " was not found"));
  }

  private static Response answer(Optional<MapVersion> found, String missing) {
    return found
        .map(v -> Response.ok(ShardMapBody.of(v)).build())
        .orElseGet(() -> ErrorResponses.of(ErrorCode.NOT_FOUND, missing));
  }
}
