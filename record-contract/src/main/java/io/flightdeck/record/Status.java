package io.flightdeck.record;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A status of a record's lifecycle, as named on the wire. */
public interface Status {
  /** The name clients send and see, e.g. {@code in-progress}. */
  String wireName();

  /** Whether a record in this status is finished: it never changes again and moves post-flight. */
  boolean terminal();

  /**
   * The status of {@code type} with this wire name.
   *
   * @throws InvalidFieldException naming the field {@code status} and listing the statuses that
   *     exist
   */
  static <S extends Enum<S> & Status> S parse(Class<S> type, String name) {
    return parse(type, "status", name);
  }

  /** The status of {@code type} with this wire name, read from the field {@code field}. */
  static <S extends Enum<S> & Status> S parse(Class<S> type, String field, String name) {
    S[] statuses = type.getEnumConstants();
    return Arrays.stream(statuses)
        .filter(s -> s.wireName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidFieldException(
                    field,
                    "unknown status '%s'; one of: %s"
                        .formatted(
                            name,
                            Arrays.stream(statuses)
                                .map(Status::wireName)
                                .collect(Collectors.joining(", ")))));
  }
}
