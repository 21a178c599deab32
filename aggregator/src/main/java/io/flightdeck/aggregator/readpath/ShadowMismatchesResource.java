package io.flightdeck.aggregator.readpath;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.flags.shadow.Experiments;
import io.flightdeck.flags.shadow.Mismatch;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The operator's view of shadow comparisons (operators' bearer token, as every admin request): the
 * latest mismatches and candidate failures, newest first, each with both answers as compared and
 * the request. Counts of every outcome are in {@code /q/metrics} ({@code flightdeck_shadow_*}).
 */
@Path("/admin/v1/ShadowMismatches")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class ShadowMismatchesResource {
  private final Experiments experiments;

  public ShadowMismatchesResource(Experiments experiments) {
    this.experiments = experiments;
  }

  @GET
  public Mismatches latest() {
    return new Mismatches(experiments.mismatches().latest());
  }

  /** Forgets the kept mismatches (the metrics keep counting). */
  @DELETE
  public void clear() {
    experiments.mismatches().clear();
  }

  /** The kept mismatches, newest first. */
  public record Mismatches(List<Mismatch> mismatches) {}
}
