package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.sql.ListQuery;
import io.flightdeck.record.sql.RecordColumns;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The list filters of record-contract ({@link CallFilter}, {@link MessageFilter}) read from a list
 * request's query, in their internal form.
 */
final class ListFilters {
  private ListFilters() {}

  /**
   * A list request's filter as the in-flight store applies it: as conditions on the live rows'
   * columns, built by record-contract's {@link RecordColumns} as for every other store (so a node
   * skips the rows that do not match without sending them), and as the test of each record read,
   * which stays the authority (the legacy store's live records take that test alone).
   */
  record Live<R extends LifecycleRecord>(UnaryOperator<ListQuery> conditions, Predicate<R> test) {}

  static Live<CallRecord> calls(UriInfo uri) {
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    CallFilter filter = CallFilter.fromQuery(query::getFirst);
    return new Live<>(
        conditions -> RecordColumns.CALLS.filtered(conditions, filter), filter::matches);
  }

  static Live<MessageRecord> messages(UriInfo uri) {
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    MessageFilter filter = MessageFilter.fromQuery(query::getFirst);
    return new Live<>(
        conditions -> RecordColumns.MESSAGES.filtered(conditions, filter), filter::matches);
  }
}
