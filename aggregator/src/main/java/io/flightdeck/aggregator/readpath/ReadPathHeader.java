package io.flightdeck.aggregator.readpath;

import io.flightdeck.flags.ReadPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The response header {@code Flightdeck-Read-Path} naming the read path a public read took: the
 * account's {@code read-path} variant, e.g. {@code shadow-split}. Operators and tests see from it
 * that a flag flip has arrived.
 */
public final class ReadPathHeader {
  public static final String NAME = "Flightdeck-Read-Path";

  private ReadPathHeader() {}

  /** A 200 with the entity and the header. */
  public static <T> RestResponse<T> ok(T entity, ReadPath path) {
    return RestResponse.ResponseBuilder.ok(entity).header(NAME, path.variantName()).build();
  }
}
