package io.flightdeck.inflight.legacy;

import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.legacy.LegacyConfig;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The legacy combined store's server, when one is configured ({@link LegacyConfig}): its pool, its
 * schema migrated at start-up and retried every few seconds while it is down, as an in-flight
 * node's is. A request that needs it while it is missing or down is a 503 naming the legacy store.
 */
@ApplicationScoped
public class LegacyStore {
  private static final Logger LOG = Logger.getLogger(LegacyStore.class);

  private final Optional<InflightNode> server;

  public LegacyStore(LegacyConfig config, Vertx vertx) {
    this.server =
        config
            .host()
            .map(
                host ->
                    InflightNode.other(
                        "legacy store",
                        "db/legacy",
                        "legacy",
                        new InflightNode.Endpoint(
                            host,
                            config.port(),
                            config.user(),
                            config.password().orElse(""),
                            config.name(),
                            config.poolSize()),
                        vertx));
  }

  void onStart(@Observes StartupEvent event) {
    migrate();
  }

  /** Migrates the schema until it is current. Blocking. */
  @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void migrate() {
    server.ifPresent(
        legacy -> {
          if (!legacy.serving() && !legacy.migrate()) {
            LOG.warnf("legacy store: %s; will retry", legacy.problem());
          }
        });
  }

  /** The server, while its schema is current. */
  public Optional<InflightNode> ifConfigured() {
    return server;
  }

  /**
   * The server, for a request that needs it.
   *
   * @throws DependencyUnreachableException when none is configured or its schema is not current
   */
  public InflightNode server() {
    InflightNode legacy =
        server.orElseThrow(
            () -> new DependencyUnreachableException("legacy store (not configured)", null));
    if (!legacy.serving()) {
      throw legacy.unreachable();
    }
    return legacy;
  }

  @PreDestroy
  void close() {
    server.ifPresent(legacy -> legacy.pool().closeAndForget());
  }
}
