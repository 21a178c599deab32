package io.flightdeck.record;

/**
 * How many records one page of a list holds: {@code PageSize} from {@value #MIN} to {@value #MAX},
 * {@value #DEFAULT} when not given, in the public API. The stores' internal lists take one more
 * ({@link #STORE_MAX}): the aggregator asks each store for one record more than the page, so that
 * one read of each tells whether another page follows, for the largest pages too.
 */
public final class PageSize {
  /** The query parameter, as Twilio names it. */
  public static final String PARAMETER = "PageSize";

  public static final int MIN = 1;
  public static final int MAX = 1000;
  public static final int DEFAULT = 50;

  /** The most records a store's internal list answers at once: the largest page and one more. */
  public static final int STORE_MAX = MAX + 1;

  private PageSize() {}

  /**
   * The page size a request asks for: {@link #DEFAULT} when {@code text} is null (the parameter is
   * absent), else a whole number from {@link #MIN} to {@link #MAX}. Anything else is refused, never
   * clamped.
   *
   * @throws InvalidFieldException naming {@code PageSize} and the value given
   */
  public static int parse(String text) {
    return parse(text, MAX);
  }

  /**
   * The number of records a request to a store's internal list asks for: as {@link #parse}, up to
   * {@link #STORE_MAX}.
   *
   * @throws InvalidFieldException naming {@code PageSize} and the value given
   */
  public static int parseStoreRead(String text) {
    return parse(text, STORE_MAX);
  }

  private static int parse(String text, int max) {
    if (text == null) {
      return DEFAULT;
    }
    try {
      int size = Integer.parseInt(text.strip());
      if (size >= MIN && size <= max) {
        return size;
      }
    } catch (NumberFormatException e) {
      // refused below, like a number out of range
    }
    throw new InvalidFieldException(
        PARAMETER,
        "%s must be a whole number from %d to %d, got '%s'"
            .formatted(PARAMETER, MIN, max, InvalidFieldException.shown(text)));
  }
}
