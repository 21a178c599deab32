package io.flightdeck.postflight.routing;

import io.flightdeck.record.InvalidFieldException;
import java.util.Arrays;

/**
 * The two shard maps. Reads and writes are routed by separate maps so that, during a shard split,
 * reads can move to the new shard before writes do.
 */
public enum MapKind {
  READ("read"),
  WRITE("write");

  private final String wireName;

  MapKind(String wireName) {
    this.wireName = wireName;
  }

  /** {@code read} or {@code write}, as in the admin API's paths and the control database. */
  public String wireName() {
    return wireName;
  }

  /**
   * @throws InvalidFieldException naming {@code field} when the text is neither kind
   */
  public static MapKind parse(String field, String text) {
    return Arrays.stream(values())
        .filter(kind -> kind.wireName.equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidFieldException(
                    field, "%s must be 'read' or 'write', got '%s'".formatted(field, text)));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
