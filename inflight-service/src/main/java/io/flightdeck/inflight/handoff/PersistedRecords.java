package io.flightdeck.inflight.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.event.RecordPersisted;
import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.InflightNodes;
import io.flightdeck.inflight.nodes.Slots;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The end of a record's in-flight life: once postflight-service says a version is stored and
 * visible, the live copy is deleted, only where the row is that account's record at exactly that
 * version (a terminal version is the last a record gets, so it is the version the confirmation
 * names). A confirmation for another account's Sid or an older version deletes nothing. Until then
 * the record stays readable here, so the public API never loses sight of it. A database outage
 * holds the partition (retried), it never skips a confirmation; an unreadable one (no Sid, no
 * account) is dead-lettered and counted, not dropped.
 */
@ApplicationScoped
public class PersistedRecords {
  private final InflightNodes nodes;
  private final ObjectMapper json;
  private final PersistedDeadLetters deadLetters;

  public PersistedRecords(
      InflightNodes nodes, ObjectMapper json, PersistedDeadLetters deadLetters) {
    this.nodes = nodes;
    this.json = json;
    this.deadLetters = deadLetters;
  }

  /**
   * Acknowledged once the live copy is deleted, or once an unreadable confirmation is on the
   * dead-letter topic ({@link PersistedDeadLetters}); a delete that fails 10,000 times nacks it.
   */
  @Incoming("records-persisted")
  public Uni<Void> onPersisted(KafkaRecord<String, byte[]> event) {
    RecordPersisted persisted;
    try {
      persisted = json.readValue(event.getPayload(), RecordPersisted.class);
      if (persisted.sid() == null) {
        throw new IllegalArgumentException("no sid");
      }
      if (persisted.accountSid() == null) {
        throw new IllegalArgumentException("no account_sid");
      }
      Slots.of(persisted.sid());
    } catch (IOException | RuntimeException e) { // a null value, a JSON null, anything unreadable
      return deadLetters
          .send(event, e.getMessage())
          .chain(() -> Uni.createFrom().completionStage(event.ack()));
    }
    Tuple row = Tuple.of(persisted.sid(), persisted.accountSid(), persisted.version());
    return Uni.createFrom()
        .deferred(() -> deleteOnOwners(row, persisted.sid()))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
        .atMost(10_000)
        .replaceWithVoid()
        .chain(() -> Uni.createFrom().completionStage(event.ack()))
        .onFailure()
        .recoverWithUni(e -> Uni.createFrom().completionStage(event.nack(e)));
  }

  /**
   * The delete, on every node the Sid's slot names (one, unless the slot moved to a node that
   * joined); fails while one of them is unreachable, so the confirmation is retried, not skipped.
   */
  private Uni<Void> deleteOnOwners(Tuple row, String sid) {
    Uni<Void> deleted = Uni.createFrom().voidItem();
    for (InflightNode node : nodes.owners(sid)) {
      deleted =
          deleted.chain(
              () ->
                  node.guard(
                          node.pool()
                              .preparedQuery(
                                  "DELETE FROM live_record WHERE sid = ? AND account_sid = ?"
                                      + " AND version = ?")
                              .execute(row))
                      .replaceWithVoid());
    }
    return deleted;
  }
}
