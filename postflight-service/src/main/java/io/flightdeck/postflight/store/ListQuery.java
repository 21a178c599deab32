package io.flightdeck.postflight.store;

import io.flightdeck.record.ListPosition;
import io.flightdeck.record.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One list request as SQL: the account, each filter that is set, the keyset position and the page
 * size, newest first by (date_created, sid). Every condition compares a column of an index that
 * leads with account_sid and continues in list order (see the shard migrations), so a page is a
 * walk of that index that stops after the page's last match: nothing is sorted but the page itself
 * ({@code ListIndexUseIT} proves it for every filter). Not thread-safe; built and used by one
 * request.
 */
final class ListQuery {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();
  private int limit = 50;

  private ListQuery() {}

  static ListQuery ofAccount(String accountSid) {
    ListQuery query = new ListQuery();
    query.conditions.add("account_sid = ?");
    query.parameters.add(accountSid);
    return query;
  }

  /** Only rows whose column equals the value, when one is given. */
  ListQuery equal(String column, Optional<?> value) {
    value.ifPresent(
        v -> {
          conditions.add(column + " = ?");
          parameters.add(v);
        });
    return this;
  }

  /**
   * Only rows whose time column lies in the window, {@code from <= t < before}; a null time never
   * does.
   */
  ListQuery within(String column, TimeWindow window) {
    window
        .from()
        .ifPresent(
            from -> {
              conditions.add(column + " >= ?");
              parameters.add(RecordTable.utc(from));
            });
    window
        .before()
        .ifPresent(
            before -> {
              conditions.add(column + " < ?");
              parameters.add(RecordTable.utc(before));
            });
    return this;
  }

  /**
   * Only rows strictly after the position in the list order (a later position adds its own
   * condition, which implies the earlier one). The first conjunct repeats the bound on date_created
   * alone so the range on the index is plain for the optimizer.
   */
  ListQuery after(Optional<ListPosition> position) {
    position.ifPresent(
        p -> {
          conditions.add(
              "date_created <= ? AND (date_created < ? OR (date_created = ? AND sid < ?))");
          parameters.add(RecordTable.utc(p.dateCreated()));
          parameters.add(RecordTable.utc(p.dateCreated()));
          parameters.add(RecordTable.utc(p.dateCreated()));
          parameters.add(p.sid());
        });
    return this;
  }

  ListQuery limit(int rows) {
    limit = rows;
    return this;
  }

  int limit() {
    return limit;
  }

  String whereAndOrder() {
    return " WHERE "
        + String.join(" AND ", conditions)
        + " ORDER BY date_created DESC, sid DESC LIMIT "
        + limit;
  }

  /**
   * The page as one statement selecting {@code columns}: first the page's keys, by a scan in list
   * order that reads nothing but the index (the derived table {@code page}), then the page's rows
   * by primary key, put in list order again (a sort of at most the page size). Why two steps:
   * MariaDB pushes no condition down into the index of a partitioned table, so a one-step scan
   * would read the row of every index entry it passes to check a time window; the key scan reads
   * only index pages, whose entries carry the window's columns.
   */
  String sql(String table, List<String> columns) {
    return "SELECT "
        + String.join(", ", columns.stream().map(c -> "r." + c).toList())
        + " FROM (SELECT id, date_created, sid FROM "
        + table
        + whereAndOrder()
        + ") page"
        + " JOIN "
        + table
        + " r ON r.id = page.id AND r.date_created = page.date_created"
        + " ORDER BY page.date_created DESC, page.sid DESC";
  }

  List<Object> parameters() {
    return List.copyOf(parameters);
  }
}
