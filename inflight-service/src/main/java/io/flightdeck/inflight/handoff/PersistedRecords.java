package io.flightdeck.inflight.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.event.RecordPersisted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The end of a record's in-flight life: once postflight-service says a version is stored and
 * visible, the live copy is deleted, only where the row is that account's record at exactly that
 * version (a terminal version is the last a record gets, so it is the version the confirmation
 * names). A confirmation for another account's Sid or an older version deletes nothing. Until then
 * the record stays readable here, so the public API never loses sight of it. A database outage
 * holds the partition (retried), it never skips a confirmation.
 */
@ApplicationScoped
public class PersistedRecords {
  private static final Logger LOG = Logger.getLogger(PersistedRecords.class);

  private final Pool pool;
  private final ObjectMapper json;

  public PersistedRecords(Pool pool, ObjectMapper json) {
    this.pool = pool;
    this.json = json;
  }

  @Incoming("records-persisted")
  public Uni<Void> onPersisted(byte[] payload) {
    RecordPersisted persisted;
    try {
      persisted = json.readValue(payload, RecordPersisted.class);
    } catch (IOException e) {
      LOG.errorf("ignoring unreadable records.persisted event: %s", e.getMessage());
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery("DELETE FROM live_record WHERE sid = ? AND account_sid = ? AND version = ?")
        .execute(Tuple.of(persisted.sid(), persisted.accountSid(), persisted.version()))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
        .atMost(10_000)
        .replaceWithVoid();
  }
}
