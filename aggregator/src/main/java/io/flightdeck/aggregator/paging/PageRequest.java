package io.flightdeck.aggregator.paging;

import io.flightdeck.aggregator.filters.PublicQuery;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.PageSize;
import java.util.Optional;

/**
 * The paging parameters of a public list: {@code PageSize} (record-contract's {@link PageSize}),
 * {@code Page} (the client's own counter, from 0) and {@code PageToken} (where the page starts). A
 * value out of range or not a whole number is refused rather than clamped, naming the parameter.
 */
public record PageRequest(int pageSize, int page, Optional<String> token) {
  public static PageRequest of(PublicQuery query) {
    return new PageRequest(
        PageSize.parse(query.get(PageSize.PARAMETER).orElse(null)),
        number("Page", query.get("Page"), 0, 0, Integer.MAX_VALUE),
        query.get("PageToken"));
  }

  private static int number(String field, Optional<String> text, int absent, int min, int max) {
    if (text.isEmpty()) {
      return absent;
    }
    try {
      int value = Integer.parseInt(text.get().strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, with the range
    }
    throw new InvalidFieldException(
        field, "%s must be a whole number from %d to %d".formatted(field, min, max));
  }
}
