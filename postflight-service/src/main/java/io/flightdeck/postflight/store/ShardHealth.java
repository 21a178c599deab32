package io.flightdeck.postflight.store;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness per shard: each shard's primary must answer a query within two seconds and carry the
 * current schema. The response names every shard with {@code up} or the reason it is down, so an
 * operator sees which accounts wait. The check is UP while any shard is up: one shard down concerns
 * only its accounts (their reads are 503s, their events wait on the retry topic), and taking the
 * instance out of service would fail every other account's reads too. DOWN means no shard answers.
 */
@Readiness
@ApplicationScoped
public class ShardHealth implements AsyncHealthCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Shards shards;

  public ShardHealth(Shards shards) {
    this.shards = shards;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    List<String> ids = shards.ids();
    List<Uni<String>> probes = ids.stream().map(this::probe).toList();
    if (probes.isEmpty()) {
      return Uni.createFrom()
          .item(
              HealthCheckResponse.named("post-flight shards")
                  .down()
                  .withData("problem", "no shards in the catalogue")
                  .build());
    }
    return Uni.join()
        .all(probes)
        .andCollectFailures()
        .map(
            states -> {
              HealthCheckResponseBuilder response = HealthCheckResponse.named("post-flight shards");
              boolean anyUp = false;
              for (int i = 0; i < states.size(); i++) {
                response.withData(ids.get(i), states.get(i));
                anyUp |= states.get(i).equals("up");
              }
              return response.status(anyUp).build();
            });
  }

  private Uni<String> probe(String shard) {
    return shards
        .pool(shard)
        .map(
            pool ->
                pool.query("SELECT 1")
                    .execute()
                    .ifNoItem()
                    .after(TIMEOUT)
                    .fail()
                    .map(rows -> shards.migrated(shard) ? "up" : "down: schema not migrated yet")
                    .onFailure()
                    .recoverWithItem(e -> "down: " + e.getMessage()))
        .orElse(Uni.createFrom().item("down: no pool"));
  }
}
