package io.flightdeck.record;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;

/**
 * A place in an account's list of calls or messages: the (date created, Sid) of the last record a
 * page held. Every list, public and internal, is in {@link #ORDER}, and the next page holds the
 * records strictly after this place, so records that land meanwhile never shift a page (keyset
 * paging). The stores' list APIs take it as {@value #AFTER_DATE_CREATED} and {@value #AFTER_SID},
 * both or neither.
 */
public record ListPosition(Instant dateCreated, String sid) {
  public static final String AFTER_DATE_CREATED = "AfterDateCreated";
  public static final String AFTER_SID = "AfterSid";

  /** The list order of places: newest first, ties broken by Sid, descending. */
  public static final Comparator<ListPosition> NEWEST_FIRST =
      Comparator.comparing(ListPosition::dateCreated).thenComparing(ListPosition::sid).reversed();

  /** The list order of calls and messages alike: by their places ({@link #NEWEST_FIRST}). */
  public static final Comparator<LifecycleRecord> ORDER =
      Comparator.comparing(ListPosition::of, NEWEST_FIRST);

  /** The place of {@code record} in the list. */
  public static ListPosition of(LifecycleRecord record) {
    return new ListPosition(record.dateCreated(), record.sid());
  }

  /**
   * The place a store's list request starts after: empty when neither parameter is given.
   *
   * @throws InvalidFieldException naming the parameter: one without the other, an {@code
   *     AfterDateCreated} that is not an ISO-8601 instant, an {@code AfterSid} that is not a Sid of
   *     {@code kind}
   */
  public static Optional<ListPosition> parse(
      String afterDateCreated, String afterSid, SidKind kind) {
    if (afterDateCreated == null && afterSid == null) {
      return Optional.empty();
    }
    if (afterDateCreated == null || afterSid == null) {
      throw new InvalidFieldException(
          AFTER_SID, "AfterDateCreated and AfterSid go together: give both or neither");
    }
    String sid = Sid.parse(kind, AFTER_SID, afterSid).value();
    try {
      return Optional.of(new ListPosition(Instant.parse(afterDateCreated), sid));
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          AFTER_DATE_CREATED,
          "AfterDateCreated must be an ISO-8601 instant, like 2026-01-31T00:00:00Z");
    }
  }
}
