package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where an account's reads and writes go at this instance, and why (operators' API). */
@Path("/admin/v1/Accounts/{AccountSid}/Route")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class RouteExplanationResource {
  private final Routing routing;

  public RouteExplanationResource(Routing routing) {
    this.routing = routing;
  }

  /** The explanation: the account's keyspace id and each map's choice. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Explanation(String accountSid, String keyspaceId, Choice read, Choice write) {}

  /**
   * One map's choice: the shard, the map version in force here, whether an override or a range
   * chose it ({@code by}: {@code override} | {@code range}), the range, and the reason in words.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Choice(
      String shard, long mapVersion, String by, ShardMapBody.Range range, String reason) {}

  @GET
  @Operation(
      summary =
          "Where the account's reads and writes go at this instance, by which override or range of which map version")
  public Explanation explain(@PathParam("AccountSid") String accountSid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    Routing.Explanation e = routing.explain(account.value());
    return new Explanation(
        e.accountSid(),
        e.keyspaceId().toString(),
        e.read().map(this::choice).orElse(null),
        e.write().map(this::choice).orElse(null));
  }

  private Choice choice(Routing.Decision d) {
    if (d.placement().byOverride()) {
      return new Choice(
          d.placement().shard(),
          d.mapVersion(),
          "override",
          null,
          "an override in %s map version %d pins the account to %s"
              .formatted(d.kind(), d.mapVersion(), d.placement().shard()));
    }
    KeyRange range = d.placement().range().orElseThrow();
    return new Choice(
        d.placement().shard(),
        d.mapVersion(),
        "range",
        ShardMapBody.Range.of(range, d.placement().shard()),
        "keyspace id %s falls in range %s, owned by %s in %s map version %d"
            .formatted(
                d.placement().keyspaceId(),
                range,
                d.placement().shard(),
                d.kind(),
                d.mapVersion()));
  }
}
