package io.flightdeck.record;

/**
 * How many records one page of a list holds, the same in every list API (the public one and the
 * stores' internal ones): {@code PageSize} from {@value #MIN} to {@value #MAX}, {@value #DEFAULT}
 * when not given. A store answers at most {@value #MAX} records at once, so the aggregator never
 * asks it for more.
 */
public final class PageSize {
  /** The query parameter, as Twilio names it. */
  public static final String PARAMETER = "PageSize";

  public static final int MIN = 1;
  public static final int MAX = 1000;
  public static final int DEFAULT = 50;

  private PageSize() {}

  /**
   * The page size a request asks for: {@link #DEFAULT} when {@code text} is null (the parameter is
   * absent), else a whole number from {@link #MIN} to {@link #MAX}. Anything else is refused, never
   * clamped.
   *
   * @throws InvalidFieldException naming {@code PageSize} and the value given
   */
  public static int parse(String text) {
    if (text == null) {
      return DEFAULT;
    }
    try {
      int size = Integer.parseInt(text.strip());
      if (size >= MIN && size <= MAX) {
        return size;
      }
    } catch (NumberFormatException e) {
      // refused below, like a number out of range
    }
    throw new InvalidFieldException(
        PARAMETER,
        "%s must be a whole number from %d to %d, got '%s'"
            .formatted(PARAMETER, MIN, MAX, InvalidFieldException.shown(text)));
  }
}
