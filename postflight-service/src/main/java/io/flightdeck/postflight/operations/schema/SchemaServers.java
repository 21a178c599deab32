package io.flightdeck.postflight.operations.schema;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.operations.pivot.PivotConfig;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardSchema;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The shard schema's migrations run on one server of a shard, off the event loop (Flyway is
 * blocking): read as the shard's own user; applied on a replica as the server admin user (the
 * pivot's, {@link PivotConfig#serverAdminUser()}), who may write to a {@code read_only} server and
 * turn binary logging off for the session.
 */
@ApplicationScoped
class SchemaServers {
  private final ShardSchema schema;
  private final PivotConfig admin;

  SchemaServers(ShardSchema schema, PivotConfig admin) {
    this.schema = schema;
    this.admin = admin;
  }

  Uni<ShardSchema.State> state(Topology.Server server) {
    return blocking(() -> schema.state(server.server()));
  }

  /** Applies the pending migrations on a replica, unlogged; how many it applied. */
  Uni<Integer> changeReplica(Topology.Server replica) {
    DatabaseServer s = replica.server();
    DatabaseServer asAdmin =
        new DatabaseServer(
            s.host(),
            s.port(),
            admin.serverAdminUser().orElse(s.user()),
            admin.serverAdminPassword().orElse(""),
            s.database());
    return blocking(() -> schema.migrateAll(asAdmin, true));
  }

  /** Applies the pending migrations on a primary with no replica, logged as any write. */
  Uni<Integer> changeInPlace(Topology.Server primary) {
    return blocking(() -> schema.migrateAll(primary.server(), false));
  }

  private static <T> Uni<T> blocking(Supplier<T> work) {
    return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
