package io.flightdeck.deploy.kubernetes;

/** An overlay that cannot be rendered; the message names the file and what is wrong in it. */
final class KustomizeException extends RuntimeException {
  KustomizeException(String message) {
    super(message);
  }

  KustomizeException(String message, Throwable cause) {
    super(message, cause);
  }
}
