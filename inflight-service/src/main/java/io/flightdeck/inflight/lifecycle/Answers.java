package io.flightdeck.inflight.lifecycle;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.rest.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** How the producers' API reads its common parameters and answers, for every kind of record. */
final class Answers {
  private Answers() {}

  static Response created(RecordCreates.Created created) {
    if (created instanceof RecordCreates.Created.Made made) {
      return Response.status(201).entity(made.record()).build();
    }
    if (created instanceof RecordCreates.Created.Repeated repeated) {
      return repeated
          .record()
          .map(record -> Response.ok(record).build())
          .orElseGet(
              () ->
                  conflict(
                      "this Idempotency-Key already created "
                          + repeated.sid()
                          + ", which has finished since; read it through the public API"));
    }
    String sid = ((RecordCreates.Created.SidTaken) created).sid();
    return conflict(
        "sid "
            + sid
            + " is taken: a record with this Sid exists or existed; a Sid names one record only");
  }

  static Response transitioned(TransitionOutcome outcome, Sid record) {
    if (outcome instanceof TransitionOutcome.Applied applied) {
      return Response.ok(applied.record()).build();
    }
    if (outcome instanceof TransitionOutcome.Refused refused) {
      return conflict(refused.reason());
    }
    if (outcome instanceof TransitionOutcome.LostRace) {
      return conflict("the record changed concurrently too often; read it and retry");
    }
    return notFound(record);
  }

  static Response found(Optional<?> record, Sid sid) {
    return record.map(r -> Response.ok(r).build()).orElseGet(() -> notFound(sid));
  }

  static void requireBody(Object body, String what) {
    if (body == null) {
      throw new InvalidFieldException("body", "a JSON body " + what + " is required");
    }
  }

  static Optional<String> idempotencyKey(String key) {
    if (key != null && (key.isBlank() || key.length() > 255)) {
      throw new InvalidFieldException(
          "Idempotency-Key", "Idempotency-Key must be 1 to 255 characters");
    }
    return Optional.ofNullable(key);
  }

  private static Response notFound(Sid record) {
    return ErrorResponses.of(
        ErrorCode.NOT_FOUND, "The requested resource " + record + " was not found");
  }

  private static Response conflict(String reason) {
    return ErrorResponses.of(ErrorCode.CONFLICT, reason);
  }
}
