package io.flightdeck.rest.errors;

/**
 * A dependency of the request (another service, a shard, a database) did not answer: a 503 naming
 * it ({@link ErrorResponses#dependencyUnreachable}), safe to retry. The cause is kept for the log,
 * never shown to the client.
 */
public class DependencyUnreachableException extends RuntimeException {
  private final String dependency;

  /**
   * {@code dependency} as the client may read it: {@code "postflight-service"}, {@code "shard
   * shard-1"}.
   */
  public DependencyUnreachableException(String dependency, Throwable cause) {
    super(dependency + " is unavailable" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
