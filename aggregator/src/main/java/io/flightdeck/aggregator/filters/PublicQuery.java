package io.flightdeck.aggregator.filters;

import jakarta.ws.rs.BadRequestException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The query string of a public request as Twilio's clients send it: names and values form-decoded
 * (so {@code StartTime%3E=…} is the parameter {@code StartTime>}, and {@code +} is a space), the
 * first of repeated parameters kept (twilio-java can send {@code PageSize} twice), and empty values
 * treated as absent. Parameters keep the order the client gave them, so the page URIs built from
 * them read like the request.
 */
public final class PublicQuery {
  private final Map<String, String> parameters;

  private PublicQuery(Map<String, String> parameters) {
    this.parameters = parameters;
  }

  /**
   * Reads a raw (still encoded) query string; {@code null} is an empty query.
   *
   * @throws BadRequestException (Twilio's 70002) when a name or value is not valid percent-encoding
   */
  public static PublicQuery parse(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (!name.isEmpty() && !value.isEmpty()) {
          parameters.putIfAbsent(name, value);
        }
      }
    }
    return new PublicQuery(parameters);
  }

  public static PublicQuery of(Map<String, String> parameters) {
    return new PublicQuery(new LinkedHashMap<>(parameters));
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  /**
   * The parameters among {@code names}, form-encoded again in the client's order ({@code
   * StartTime%3E=2024-02-29T22%3A00%3A00}, {@code To=%2B1…}), joined by {@code &}; empty when none.
   */
  public String encode(Collection<String> names) {
    return parameters.entrySet().stream()
        .filter(p -> names.contains(p.getKey()))
        .map(p -> encodeComponent(p.getKey()) + "=" + encodeComponent(p.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encodeComponent(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("the query string is not valid percent-encoding");
    }
  }
}
