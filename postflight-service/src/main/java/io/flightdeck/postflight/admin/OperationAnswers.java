package io.flightdeck.postflight.admin;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.rest.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * How the admin resources of long operations (splits, pivots, schema changes, retirements,
 * migrations) answer a look-up by id: the status, or a 404 naming what was looked for, so an id of
 * another kind or of another shard reads exactly like an id of none.
 */
final class OperationAnswers {
  private OperationAnswers() {}

  /**
   * A started operation: its status, and where it is read again ({@code collection/<id>}), as a 201
   * (an operation of its own collection) or a 202 (an operation of a shard's).
   */
  static Response started(Response.Status answer, OperationStatus status, String collection) {
    return started(answer, status, status.id(), collection);
  }

  /** A started operation whose status is of its own kind (a migration's), read again by its id. */
  static Response started(Response.Status answer, Object status, String id, String collection) {
    return Response.status(answer)
        .entity(status)
        .location(URI.create(collection + "/" + id))
        .build();
  }

  /**
   * @param what the operation as the 404 names it, e.g. {@code "pivot OP… of shard shard-0"}
   */
  static Response found(Optional<?> status, String what) {
    return status.map(s -> Response.ok(s).build()).orElseGet(() -> notFound(what));
  }

  static Response notFound(String what) {
    return ErrorResponses.of(ErrorCode.NOT_FOUND, what + " was not found");
  }
}
