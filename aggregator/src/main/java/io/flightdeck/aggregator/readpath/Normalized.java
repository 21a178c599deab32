package io.flightdeck.aggregator.readpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.sql.RecordColumns;
import io.flightdeck.record.v2010.ListedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a shadow comparison compares: the answers of the two read paths without the fields that may
 * legitimately differ between the legacy store and the split stores for the same record:
 *
 * <ul>
 *   <li>{@code version}: each store counts the writes it received (internal; not in the public API,
 *       so a list page, compared in its public form, never holds it);
 *   <li>{@code date_updated}: stamped by each store's writer when it applied the record.
 * </ul>
 *
 * Everything else a client sees (every other field, the order, which records, whether another page
 * follows) must be equal. Page tokens need no normalizing: they are computed from the page's last
 * record by the same code whichever path served.
 */
final class Normalized {
  private Normalized() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A list page as compared: each record's public JSON, as a tree. */
  record Page(List<JsonNode> records, boolean more) {}

  static Page page(Merge.Page page) {
    return new Page(page.records().stream().map(Normalized::listed).toList(), page.more());
  }

  /** A listed record's public JSON without {@code date_updated}. */
  private static JsonNode listed(ListedRecord record) {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(record.json());
      json.remove("date_updated");
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("a listed record is JSON", e);
    }
  }

  static Optional<LifecycleRecord> found(Optional<? extends LifecycleRecord> record) {
    return record.map(Normalized::record);
  }

  static LifecycleRecord record(LifecycleRecord record) {
    return record instanceof CallRecord call
        ? unstamped(RecordColumns.CALLS, call)
        : unstamped(RecordColumns.MESSAGES, (MessageRecord) record);
  }

  /** The record with neither the store's version nor its date_updated. */
  private static <R extends LifecycleRecord> R unstamped(RecordColumns<R, ?> columns, R record) {
    Map<String, Object> stamps = new HashMap<>();
    stamps.put("date_updated", null);
    stamps.put("version", 0L);
    return columns.with(record, stamps);
  }
}
