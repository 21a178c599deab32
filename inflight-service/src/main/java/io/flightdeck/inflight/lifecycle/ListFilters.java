package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.MessageFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * The list filters of record-contract ({@link CallFilter}, {@link MessageFilter}) read from a list
 * request's query, in their internal form.
 */
final class ListFilters {
  private ListFilters() {}

  static CallFilter calls(UriInfo uri) {
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    return CallFilter.fromQuery(query::getFirst);
  }

  static MessageFilter messages(UriInfo uri) {
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    return MessageFilter.fromQuery(query::getFirst);
  }
}
