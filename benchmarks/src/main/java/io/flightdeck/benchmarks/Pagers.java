package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The two ways the benchmark pages through the account, one page at a time as a client does: the
 * public API following {@code next_page_uri}, and keyset SQL straight on the shard. A page is a
 * {@link Cursor} there, so a page can also be asked for again and again to time it.
 */
final class Pagers {

  private Pagers() {}

  /**
   * Where a page starts: the public API's page URI, or the shard's keyset position (empty: the
   * first page).
   */
  record Cursor(String uri, Optional<Position> position) {}

  /** The last row of a shard page: (date created, Sid). */
  record Position(LocalDateTime dateCreated, String sid) {}

  /** One page read: its records' Sids and where the next page starts (empty after the last). */
  record Page(List<String> sids, Optional<Cursor> next) {}

  /** A whole walk from the first page to the last. */
  record Walk(int pages, int records, int distinct, long nanos, List<Cursor> cursors) {

    double recordsPerSecond() {
      return records / (nanos / 1e9);
    }
  }

  interface Pager {
    Cursor first();

    Page read(Cursor cursor) throws Exception;

    /** From the first page to the last, keeping every page's cursor. */
    default Walk walk() throws Exception {
      Set<String> seen = new HashSet<>();
      List<Cursor> cursors = new ArrayList<>();
      int records = 0;
      long start = System.nanoTime();
      for (Optional<Cursor> cursor = Optional.of(first()); cursor.isPresent(); ) {
        cursors.add(cursor.get());
        Page page = read(cursor.get());
        records += page.sids().size();
        seen.addAll(page.sids());
        cursor = page.next();
      }
      return new Walk(
          cursors.size(), records, seen.size(), System.nanoTime() - start, List.copyOf(cursors));
    }
  }

  /**
   * The public list, {@code GET /2010-04-01/Accounts/{AccountSid}/Calls.json}, with the account's
   * credentials.
   */
  static Pager publicApi(ServiceClient aggregator, String account, int pageSize) {
    return new Pager() {
      @Override
      public Cursor first() {
        return new Cursor(
            "/2010-04-01/Accounts/" + account + "/Calls.json?PageSize=" + pageSize,
            Optional.empty());
      }

      @Override
      public Page read(Cursor cursor) throws Exception {
        JsonNode body = aggregator.get(cursor.uri());
        List<String> sids = new ArrayList<>();
        body.path("calls").forEach(call -> sids.add(call.path("sid").asText()));
        JsonNode next = body.path("next_page_uri");
        return new Page(
            sids,
            next.isNull()
                ? Optional.empty()
                : Optional.of(new Cursor(next.asText(), Optional.empty())));
      }
    };
  }

  /**
   * The same list order read from post-flight's {@code calls} table, every column
   * postflight-service reads.
   */
  static Pager shard(Pool shard, String account, int pageSize) {
    String select =
        "SELECT sid, account_sid, parent_call_sid, status, direction, from_address, to_address, from_formatted,"
            + " to_formatted, caller_name, forwarded_from, answered_by, phone_number_sid, group_sid, trunk_sid, queue_time,"
            + " start_time, end_time, duration, price, price_unit, date_created, date_updated, version FROM calls"
            + " WHERE account_sid = ? ";
    String order = " ORDER BY date_created DESC, sid DESC LIMIT ?";
    return new Pager() {
      @Override
      public Cursor first() {
        return new Cursor("first", Optional.empty());
      }

      @Override
      public Page read(Cursor cursor) throws Exception {
        RowSet<Row> rows =
            (cursor.position().isEmpty()
                    ? shard.preparedQuery(select + order).execute(Tuple.of(account, pageSize))
                    : shard
                        .preparedQuery(
                            select
                                + "AND (date_created < ? OR (date_created = ? AND sid < ?))"
                                + order)
                        .execute(
                            Tuple.of(
                                account,
                                cursor.position().get().dateCreated(),
                                cursor.position().get().dateCreated(),
                                cursor.position().get().sid(),
                                pageSize)))
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        List<String> sids = new ArrayList<>();
        Position last = null;
        for (Row row : rows) {
          sids.add(row.getString("sid"));
          last = new Position(row.getLocalDateTime("date_created"), row.getString("sid"));
        }
        Optional<Cursor> next =
            sids.size() < pageSize || last == null
                ? Optional.empty()
                : Optional.of(new Cursor("after " + last.sid(), Optional.of(last)));
        return new Page(sids, next);
      }
    };
  }
}
