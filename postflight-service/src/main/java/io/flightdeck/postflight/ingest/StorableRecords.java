package io.flightdeck.postflight.ingest;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.event.MalformedEventException;
import io.flightdeck.postflight.ingest.DeadLetters.Cause;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.util.Optional;

/**
 * Turns an incoming event into a record bound for a shard, or says why it can never be stored:
 * unreadable, missing what the store needs, or routed nowhere by the write map.
 */
final class StorableRecords {
  private StorableRecords() {}

  /** What became of one event on arrival. */
  sealed interface Arrival permits Storable, Unopened, Unstorable {
    KafkaRecord<String, byte[]> event();
  }

  /** A record and the shard the write map sends it to. */
  record Storable(KafkaRecord<String, byte[]> event, LifecycleRecord record, Routing.Route route)
      implements Arrival {}

  /**
   * A record whose shard the write map names but this instance has not opened yet (added to the
   * catalogue a moment ago): it waits on the retry topic, like a record whose shard is down.
   */
  record Unopened(KafkaRecord<String, byte[]> event, String shard) implements Arrival {}

  /** An event that goes to the dead-letter topic. */
  record Unstorable(KafkaRecord<String, byte[]> event, Cause cause, String reason)
      implements Arrival {}

  static Arrival arrive(KafkaRecord<String, byte[]> event, Routing routing) {
    if (event.getPayload() == null) {
      return new Unstorable(event, Cause.MALFORMED, "the event has no value");
    }
    LifecycleRecord record;
    try {
      record = CompletedRecordEvents.read(event.getPayload());
    } catch (MalformedEventException e) {
      return new Unstorable(event, Cause.MALFORMED, e.getMessage());
    }
    Optional<String> problem = problem(record);
    if (problem.isPresent()) {
      return new Unstorable(event, Cause.INVALID, problem.get());
    }
    Optional<Routing.Route> route = routing.forWrite(record.accountSid());
    if (route.isPresent()) {
      return new Storable(event, record, route.get());
    }
    return routing
        .writeShard(record.accountSid())
        .<Arrival>map(shard -> new Unopened(event, shard))
        .orElseGet(
            () ->
                new Unstorable(
                    event,
                    Cause.UNROUTABLE,
                    "the write map sends account " + record.accountSid() + " to no known shard"));
  }

  /** What the record lacks for the store: its identity, owner, status, dates and version. */
  static Optional<String> problem(LifecycleRecord record) {
    try {
      Sid.parse(record.kind().sidKind(), "sid", record.sid());
      Sid.parse(SidKind.ACCOUNT, "account_sid", record.accountSid());
    } catch (InvalidFieldException e) {
      return Optional.of(e.getMessage());
    }
    if (record.status() == null) {
      return Optional.of("status is missing");
    }
    if (record.dateCreated() == null || record.dateUpdated() == null) {
      return Optional.of("date_created and date_updated are required");
    }
    if (record.version() < 1) {
      return Optional.of("version must be at least 1, got " + record.version());
    }
    return Optional.empty();
  }
}
