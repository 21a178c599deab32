package io.flightdeck.api;

/** The error codes Flightdeck answers with, Twilio's where Twilio has one for the situation. */
public enum ErrorCode {
  /** A parameter or body field has a value that cannot be accepted. */
  INVALID_PARAMETER(20001, 400),
  /** Credentials missing or wrong. */
  AUTHENTICATE(20003, 401),
  /**
   * Valid credentials that are not allowed to do this (an operator's request with a producer's
   * token).
   */
  FORBIDDEN(20403, 403),
  /** No such resource for this account (also: someone else's resource). */
  NOT_FOUND(20404, 404),
  /** The method is not allowed on this resource. */
  METHOD_NOT_ALLOWED(20004, 405),
  /** The request conflicts with the resource's state (an illegal status move, a lost race). */
  CONFLICT(20409, 409),
  /** The body is too large. */
  PAYLOAD_TOO_LARGE(20413, 413),
  /** The body's media type is not JSON. */
  UNSUPPORTED_MEDIA_TYPE(20415, 415),
  /** Malformed request (unreadable body, bad syntax). */
  BAD_REQUEST(70002, 400),
  /** A store the request needs is unreachable; safe to retry. */
  SERVICE_UNAVAILABLE(20503, 503),
  /** A defect on our side. */
  INTERNAL(20500, 500);

  private final int code;
  private final int httpStatus;

  ErrorCode(int code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String moreInfo() {
    return "https://www.twilio.com/docs/errors/" + code;
  }
}
