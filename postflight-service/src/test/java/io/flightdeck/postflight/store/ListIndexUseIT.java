package io.flightdeck.postflight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.FreshShards;
import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.TimeWindow;
import io.flightdeck.record.sql.ListQuery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every list filter the public API accepts, alone and in every combination, with and without a
 * cursor, under the list order: MariaDB's own plan (EXPLAIN PARTITIONS of the statement the store
 * runs) must find the page by walking an index in list order, never by sorting what the filters
 * select, and a page bounded by its cursor must read only the months up to it.
 *
 * <p>One shard schema of its own, seeded with a large account (three years, every filter value
 * spread over it) beside three others, and analyzed, so the optimizer sees realistic statistics.
 */
class ListIndexUseIT {
  private static final Logger LOG = Logger.getLogger(ListIndexUseIT.class);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ACCOUNT = "AC" + "0".repeat(31) + "1";
  private static final int PAGE = 50;
  private static final Instant CURSOR = Instant.parse("2026-09-15T10:00:00Z");
  private static final Instant WINDOW_FROM = Instant.parse("2026-02-01T00:00:00Z");
  private static final Instant WINDOW_BEFORE = Instant.parse("2026-05-01T00:00:00Z");

  /** The index of each equality filter (each ends in the list order). */
  private static final Map<String, String> CALL_EQUALITY_INDEXES =
      Map.of(
          "To",
          "calls_by_account_to",
          "From",
          "calls_by_account_from",
          "ParentCallSid",
          "calls_by_account_parent",
          "Status",
          "calls_by_account_status");

  private static final Map<String, String> MESSAGE_EQUALITY_INDEXES =
      Map.of("To", "messages_by_account_to", "From", "messages_by_account_from");

  private static Vertx vertx;
  private static Pool shard;
  private final CallStore calls = new CallStore(new SimpleMeterRegistry());
  private final MessageStore messages = new MessageStore(new SimpleMeterRegistry());

  @BeforeAll
  static void seedAShard() {
    vertx = Vertx.vertx();
    shard = FreshShards.pool(vertx, FreshShards.migrated("shard-0", "index_it"));
    // The large account: 40,000 calls and messages, one every 35 minutes from 2025-01 to 2027-08;
    // others: 10,000 each. Every sixth call never started, every seventh message was never sent.
    for (int account = 1; account <= 4; account++) {
      int rows = account == 1 ? 40_000 : 10_000;
      String sid = "'AC', LPAD(" + account + ", 32, '0')";
      String created =
          "TIMESTAMP('2025-01-01') + INTERVAL seq * " + (account == 1 ? 35 : 140) + " MINUTE";
      execute(
          "INSERT INTO calls (sid, account_sid, parent_call_sid, status, direction, from_address, to_address,"
              + " start_time, end_time, date_created, date_updated, version)"
              + " SELECT CONCAT('CA', LPAD("
              + account
              + ", 8, '0'), LPAD(HEX(seq), 24, '0')), CONCAT("
              + sid
              + "),"
              + " IF(seq % 50 = 0, 'CA00000000000000000000000000000001', NULL),"
              + " ELT(1 + seq % 5, 'completed', 'busy', 'failed', 'no-answer', 'canceled'), 'outbound-api',"
              + " CONCAT('+1415555', LPAD(seq % 11, 4, '0')), CONCAT('+1415666', LPAD(seq % 7, 4, '0')),"
              + " IF(seq % 6 = 5, NULL, "
              + created
              + " + INTERVAL 10 SECOND), IF(seq % 6 = 5, NULL, "
              + created
              + " + INTERVAL 70 SECOND),"
              + " "
              + created
              + ", "
              + created
              + ", 3 FROM seq_1_to_"
              + rows);
      execute(
          "INSERT INTO messages (sid, account_sid, status, direction, from_address, to_address, body, date_sent,"
              + " date_created, date_updated, version)"
              + " SELECT CONCAT('SM', LPAD("
              + account
              + ", 8, '0'), LPAD(HEX(seq), 24, '0')), CONCAT("
              + sid
              + "), 'delivered',"
              + " 'outbound-api', CONCAT('+1415555', LPAD(seq % 11, 4, '0')), CONCAT('+1415666', LPAD(seq % 7, 4, '0')), 'hi',"
              + " IF(seq % 7 = 6, NULL, "
              + created
              + " + INTERVAL 3 SECOND), "
              + created
              + ", "
              + created
              + ", 2 FROM seq_1_to_"
              + rows);
    }
    execute("ANALYZE TABLE calls, messages");
  }

  @AfterAll
  static void close() {
    shard.closeAndAwait();
    vertx.closeAndAwait();
  }

  @Test
  void everyCallFilterAndCombinationWalksAListOrderedIndexWithoutSorting() {
    List<String> checked = new ArrayList<>();
    for (Set<String> equalities : subsets(CALL_EQUALITY_INDEXES.keySet())) {
      for (TimeWindow start : windows()) {
        for (TimeWindow end : windows()) {
          for (Optional<ListPosition> after : cursors()) {
            CallFilter filter =
                new CallFilter(
                    value(equalities, "To", "+14156660003"),
                    value(equalities, "From", "+14155550004"),
                    value(equalities, "ParentCallSid", "CA00000000000000000000000000000001"),
                    value(equalities, "Status", "busy").map(s -> CallStatus.BUSY),
                    start,
                    end);
            ListQuery query = calls.query(ACCOUNT, filter, after, PAGE);
            Set<String> allowed =
                allowedKeys("calls_by_account", CALL_EQUALITY_INDEXES, equalities);
            checked.add(
                expectWalkInListOrder(
                    calls.listStatement(query), query, allowed, after, filter.toQuery()));
          }
        }
      }
    }
    assertThat(checked).hasSize(16 * 4 * 4 * 2);
    LOG.infof("calls: %d plans checked, e.g.%n%s", checked.size(), checked.get(checked.size() - 1));
  }

  @Test
  void everyMessageFilterAndCombinationWalksAListOrderedIndexWithoutSorting() {
    List<String> checked = new ArrayList<>();
    for (Set<String> equalities : subsets(MESSAGE_EQUALITY_INDEXES.keySet())) {
      for (TimeWindow sent : windows()) {
        for (Optional<ListPosition> after : cursors()) {
          MessageFilter filter =
              new MessageFilter(
                  value(equalities, "To", "+14156660003"),
                  value(equalities, "From", "+14155550004"),
                  sent);
          ListQuery query = messages.query(ACCOUNT, filter, after, PAGE);
          Set<String> allowed =
              allowedKeys("messages_by_account", MESSAGE_EQUALITY_INDEXES, equalities);
          checked.add(
              expectWalkInListOrder(
                  messages.listStatement(query), query, allowed, after, filter.toQuery()));
        }
      }
    }
    assertThat(checked).hasSize(4 * 4 * 2);
    LOG.infof("messages: %d plans checked", checked.size());
  }

  @Test
  void aPageBoundedByItsCursorReadsOnlyTheMonthsUpToIt() {
    ListQuery bounded = calls.query(ACCOUNT, CallFilter.NONE, cursors().get(1), PAGE);
    List<Map<String, String>> plan = explain(calls.listStatement(bounded), bounded);
    List<String> partitions = partitions(keyScan(plan));
    LOG.infof("a page after %s:%n%s", CURSOR, table(plan));
    assertThat(partitions)
        .startsWith("p_before", "p202501")
        .endsWith("p202609")
        .doesNotContain("p202610", "p_future");

    ListQuery firstPage = calls.query(ACCOUNT, CallFilter.NONE, Optional.empty(), PAGE);
    assertThat(partitions(keyScan(explain(calls.listStatement(firstPage), firstPage))))
        .contains("p202610", "p202712", "p_future");
  }

  /**
   * The plan must be: the page's keys by a walk of one of the allowed indexes (ref or range on the
   * account, no filesort, no temporary table; and, with a cursor, no month after it), then at most
   * a page of rows by primary key, sorted as a page.
   *
   * @return the plan, for the log
   */
  private String expectWalkInListOrder(
      String sql,
      ListQuery query,
      Set<String> allowed,
      Optional<ListPosition> after,
      Map<String, String> filter) {
    List<Map<String, String>> plan = explain(sql, query);
    String described =
        "filters "
            + filter
            + (after.isPresent() ? " after " + after.get().dateCreated() : "")
            + "\n"
            + table(plan);
    Map<String, String> keys = keyScan(plan);
    assertThat(keys.get("key")).as(described).isIn(allowed);
    assertThat(keys.get("type")).as(described).isIn("ref", "range");
    assertThat(keys.get("Extra"))
        .as(described)
        .doesNotContainIgnoringCase("filesort")
        .doesNotContainIgnoringCase("temporary");
    Map<String, String> page =
        plan.stream().filter(r -> r.get("table").equals("<derived2>")).findFirst().orElseThrow();
    assertThat(Long.parseLong(page.get("rows"))).as(described).isLessThanOrEqualTo(PAGE);
    Map<String, String> rows =
        plan.stream().filter(r -> r.get("table").equals("r")).findFirst().orElseThrow();
    assertThat(rows.get("type")).as(described).isEqualTo("eq_ref");
    assertThat(rows.get("key")).as(described).isEqualTo("PRIMARY");
    if (after.isPresent()) {
      assertThat(partitions(keys)).as(described).doesNotContain("p202610", "p_future");
    }
    return described;
  }

  private static Map<String, String> keyScan(List<Map<String, String>> plan) {
    return plan.stream()
        .filter(r -> r.get("select_type").equals("DERIVED"))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> partitions(Map<String, String> scan) {
    return Arrays.asList(scan.get("partitions").split(","));
  }

  private static List<Map<String, String>> explain(String sql, ListQuery query) {
    List<Map<String, String>> plan = new ArrayList<>();
    for (Row row :
        shard
            .preparedQuery("EXPLAIN PARTITIONS " + sql)
            .execute(Tuple.from(query.parameters()))
            .await()
            .atMost(WAIT)) {
      Map<String, String> columns = new LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        columns.put(row.getColumnName(i), String.valueOf(row.getValue(i)));
      }
      plan.add(columns);
    }
    return plan;
  }

  private static String table(List<Map<String, String>> plan) {
    StringBuilder text = new StringBuilder();
    for (Map<String, String> row : plan) {
      text.append(
          String.format(
              "  %-8s %-10s %-6s %-24s %-8s %s | %s%n",
              row.get("select_type"),
              row.get("table"),
              row.get("type"),
              row.get("key"),
              row.get("rows"),
              row.get("Extra"),
              row.get("partitions")));
    }
    return text.toString();
  }

  private static Set<String> allowedKeys(
      String listIndex, Map<String, String> equalityIndexes, Set<String> equalities) {
    Set<String> allowed = new TreeSet<>(Set.of(listIndex));
    equalities.forEach(e -> allowed.add(equalityIndexes.get(e)));
    return allowed;
  }

  private static Optional<String> value(Set<String> given, String filter, String value) {
    return given.contains(filter) ? Optional.of(value) : Optional.empty();
  }

  /** No window, open on either side, bounded on both. */
  private static List<TimeWindow> windows() {
    return List.of(
        TimeWindow.ALWAYS,
        new TimeWindow(Optional.of(WINDOW_FROM), Optional.empty()),
        new TimeWindow(Optional.empty(), Optional.of(WINDOW_BEFORE)),
        new TimeWindow(Optional.of(WINDOW_FROM), Optional.of(WINDOW_BEFORE)));
  }

  /** The first page, and a page after a record in 2026-09. */
  private static List<Optional<ListPosition>> cursors() {
    return List.of(
        Optional.empty(),
        Optional.of(new ListPosition(CURSOR, "CA00000001000000000000000000ffff")));
  }

  private static List<Set<String>> subsets(Set<String> names) {
    List<String> all = List.copyOf(new TreeSet<>(names));
    List<Set<String>> subsets = new ArrayList<>();
    for (int mask = 0; mask < 1 << all.size(); mask++) {
      Set<String> subset = new TreeSet<>();
      for (int i = 0; i < all.size(); i++) {
        if ((mask & 1 << i) != 0) {
          subset.add(all.get(i));
        }
      }
      subsets.add(subset);
    }
    return subsets;
  }

  private static void execute(String sql) {
    shard.query(sql).execute().await().atMost(WAIT);
  }
}
