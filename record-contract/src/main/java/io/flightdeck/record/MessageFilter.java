package io.flightdeck.record;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The filters of a message list (Twilio's {@code ListMessage}; it has no status filter). On
 * internal APIs: {@code To}, {@code From}, {@code DateSentFrom}, {@code DateSentBefore}.
 */
public record MessageFilter(Optional<String> to, Optional<String> from, TimeWindow dateSent) {
  public static final MessageFilter NONE =
      new MessageFilter(Optional.empty(), Optional.empty(), TimeWindow.ALWAYS);

  public boolean isNone() {
    return equals(NONE);
  }

  public boolean matches(MessageRecord message) {
    return to.map(t -> t.equals(message.to())).orElse(true)
        && from.map(f -> f.equals(message.from())).orElse(true)
        && dateSent.contains(message.dateSent());
  }

  public Map<String, String> toQuery() {
    Map<String, String> query = TimeWindow.newQuery();
    to.ifPresent(v -> query.put("To", v));
    from.ifPresent(v -> query.put("From", v));
    dateSent.addTo(query, "DateSent");
    return query;
  }

  public static MessageFilter fromQuery(Function<String, String> query) {
    return new MessageFilter(
        Optional.ofNullable(query.apply("To")),
        Optional.ofNullable(query.apply("From")),
        TimeWindow.read(query, "DateSent"));
  }
}
