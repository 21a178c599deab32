package io.flightdeck.record.sql;

import io.flightdeck.record.ListPosition;
import io.flightdeck.record.TimeWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One list request as SQL conditions: the account, each filter that is set (added by {@link
 * RecordColumns#filtered}), the keyset position and the page size, newest first by (date_created,
 * sid). Every store that keeps records in rows builds its list queries here and gives each
 * condition an index that leads with account_sid and continues in list order, so a page is a walk
 * of that index that stops after the page's last match. Not thread-safe; built and used by one
 * request.
 */
public final class ListQuery {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();
  private int limit = 50;

  private ListQuery() {}

  /** The account's records, every one of them until a condition is added. */
  public static ListQuery ofAccount(String accountSid) {
    ListQuery query = new ListQuery();
    query.conditions.add("account_sid = ?");
    query.parameters.add(accountSid);
    return query;
  }

  /** Only rows whose column equals the value, when one is given. */
  public ListQuery equal(String column, Optional<?> value) {
    value.ifPresent(
        v -> {
          conditions.add(column + " = ?");
          parameters.add(v);
        });
    return this;
  }

  /** Only rows whose column has one of the values (at least one). */
  public ListQuery in(String column, Collection<?> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no value for " + column + " IN (...)");
    }
    StringJoiner placeholders = new StringJoiner(", ", column + " IN (", ")");
    for (Object value : values) {
      placeholders.add("?");
      parameters.add(value);
    }
    conditions.add(placeholders.toString());
    return this;
  }

  /**
   * Only rows whose time column lies in the window, {@code from <= t < before}; a null time never
   * does.
   */
  public ListQuery within(String column, TimeWindow window) {
    window
        .from()
        .ifPresent(
            from -> {
              conditions.add(column + " >= ?");
              parameters.add(ColumnValues.utc(from));
            });
    window
        .before()
        .ifPresent(
            before -> {
              conditions.add(column + " < ?");
              parameters.add(ColumnValues.utc(before));
            });
    return this;
  }

  /**
   * Only rows strictly after the position in the list order (a later position adds its own
   * condition, which implies the earlier one). The first conjunct repeats the bound on date_created
   * alone so the range on the index is plain for the optimizer.
   */
  public ListQuery after(Optional<ListPosition> position) {
    position.ifPresent(
        p -> {
          conditions.add(
              "date_created <= ? AND (date_created < ? OR (date_created = ? AND sid < ?))");
          parameters.add(ColumnValues.utc(p.dateCreated()));
          parameters.add(ColumnValues.utc(p.dateCreated()));
          parameters.add(ColumnValues.utc(p.dateCreated()));
          parameters.add(p.sid());
        });
    return this;
  }

  /** At most {@code rows} rows. */
  public ListQuery limit(int rows) {
    limit = rows;
    return this;
  }

  /** The rows the page may have. */
  public int limit() {
    return limit;
  }

  /** The conditions and the order, from {@code WHERE} to {@code LIMIT}, for a SELECT's end. */
  public String whereAndOrder() {
    return " WHERE "
        + String.join(" AND ", conditions)
        + " ORDER BY date_created DESC, sid DESC LIMIT "
        + limit;
  }

  /** The values of the conditions' placeholders, in order. */
  public List<Object> parameters() {
    return List.copyOf(parameters);
  }
}
