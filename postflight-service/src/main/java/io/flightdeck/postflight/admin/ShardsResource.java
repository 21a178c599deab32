package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.store.DatabaseServer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The shard catalogue, as stored in the control database, without passwords (operators' API). */
@Path("/admin/v1/Shards")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class ShardsResource {
  private final ShardCatalogue catalogue;

  public ShardsResource(ShardCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** One shard: its id, its primary and replicas, the pool size. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ShardBody(String id, Server primary, List<Server> replicas, int poolSize) {}

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
        .map(
            shards ->
                shards.stream()
                    .map(
                        s ->
                            new ShardBody(
                                s.id(),
                                Server.of(s.primary()),
                                s.replicas().stream().map(Server::of).toList(),
                                s.poolSize()))
                    .toList());
  }
}
