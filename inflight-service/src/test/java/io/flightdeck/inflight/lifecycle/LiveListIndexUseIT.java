package io.flightdeck.inflight.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.TimeWindow;
import io.flightdeck.record.sql.ListQuery;
import io.flightdeck.record.sql.RecordColumns;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every equality filter of a live list, on calls and messages, on the first page and after a
 * cursor: MariaDB's own plan (EXPLAIN of the statement a node runs) must walk the filter's index in
 * list order, reading the page's matches only, never every live record of the account, and never
 * sort. Before migration V8 a filtered page walked the account's listing index and tested each row.
 *
 * <p>A live schema of its own on {@code inflight-0}, migrated by the service's own migrations and
 * seeded with one large account (12,000 live calls and messages, the filter values spread over
 * them) beside three others, then analyzed, so the optimizer sees realistic statistics.
 */
class LiveListIndexUseIT {
  private static final String ACCOUNT = "AC" + "0".repeat(31) + "1";
  private static final int PAGE = 51;
  private static final String PARENT = "CA" + "0".repeat(31) + "1";
  private static final Optional<ListPosition> CURSOR =
      Optional.of(
          new ListPosition(
              Instant.parse("2026-11-20T10:00:00Z"), "CA00000001" + "0".repeat(21) + "fff"));

  private static String database;
  private static String url;
  private static MariaDbEndpoint server;

  @BeforeAll
  static void seedALiveSchema() throws SQLException {
    database = "live_index_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    server = TestServers.mariaDb("inflight-0");
    TestServers.servers().mariaDb("inflight-0").createDatabase(database);
    url = server.jdbcUrl(database);
    Flyway.configure()
        .dataSource(url, server.user(), server.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    for (int account = 1; account <= 4; account++) {
      int rows = account == 1 ? 12_000 : 3_000;
      String sid = "CONCAT('AC', LPAD(" + account + ", 32, '0'))";
      // Half calls, half messages; statuses, To, From and a parent spread over the rows.
      execute(
          "INSERT INTO live_record (sid, account_sid, kind, status, date_created, version, record)"
              + " SELECT CONCAT(IF(seq % 2 = 0, 'CA', 'SM'), LPAD("
              + account
              + ", 8, '0'), LPAD(HEX(seq), 24, '0')), "
              + sid
              + ", IF(seq % 2 = 0, 'call', 'message'),"
              + " IF(seq % 2 = 0, ELT(1 + seq % 4, 'queued', 'ringing', 'in-progress', 'initiated'),"
              + " ELT(1 + seq % 3, 'queued', 'sending', 'accepted')),"
              + " TIMESTAMP('2026-11-01') + INTERVAL seq * 3 MINUTE, 2,"
              + " CONCAT('{\"to\":\"+1415666', LPAD(seq % 7, 4, '0'), '\",\"from\":\"+1415555',"
              + " LPAD(seq % 11, 4, '0'), '\",\"parent_call_sid\":',"
              + " IF(seq % 50 = 0, '\""
              + PARENT
              + "\"', 'null'), '}')"
              + " FROM seq_1_to_"
              + rows);
    }
    execute("ANALYZE TABLE live_record");
  }

  @AfterAll
  static void dropTheSchema() throws SQLException {
    execute("DROP DATABASE " + database);
  }

  @Test
  void everyCallFilterWalksItsIndexInListOrder() throws SQLException {
    Map<String, CallFilter> filters = new LinkedHashMap<>();
    filters.put("live_record_by_status", filter(Optional.of(CallStatus.RINGING), null, null, null));
    filters.put("live_record_by_to", filter(Optional.empty(), "+14156660003", null, null));
    filters.put("live_record_by_from", filter(Optional.empty(), null, "+14155550004", null));
    filters.put("live_record_by_parent", filter(Optional.empty(), null, null, PARENT));
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, CallFilter> each : filters.entrySet()) {
      for (Optional<ListPosition> after : List.of(Optional.<ListPosition>empty(), CURSOR)) {
        ListQuery query =
            RecordStore.pageQuery(
                ACCOUNT,
                RecordType.CALLS,
                q -> RecordColumns.CALLS.filtered(q, each.getValue()),
                after,
                PAGE);
        checked.add(expectIndexWalk(query, Set.of(each.getKey())));
      }
    }
    assertThat(checked).hasSize(8);
  }

  @Test
  void everyMessageFilterWalksItsIndexInListOrder() throws SQLException {
    Map<String, MessageFilter> filters =
        Map.of(
            "live_record_by_to",
            new MessageFilter(Optional.of("+14156660003"), Optional.empty(), TimeWindow.ALWAYS),
            "live_record_by_from",
            new MessageFilter(Optional.empty(), Optional.of("+14155550004"), TimeWindow.ALWAYS));
    for (Map.Entry<String, MessageFilter> each : filters.entrySet()) {
      ListQuery query =
          RecordStore.pageQuery(
              ACCOUNT,
              RecordType.MESSAGES,
              q -> RecordColumns.MESSAGES.filtered(q, each.getValue()),
              Optional.empty(),
              PAGE);
      expectIndexWalk(query, Set.of(each.getKey()));
    }
  }

  @Test
  void anUnfilteredPageWalksTheListingIndex() throws SQLException {
    ListQuery query =
        RecordStore.pageQuery(ACCOUNT, RecordType.CALLS, q -> q, Optional.empty(), PAGE);
    expectIndexWalk(query, Set.of("live_record_by_account"));
  }

  private static CallFilter filter(
      Optional<CallStatus> status, String to, String from, String parent) {
    return new CallFilter(
        Optional.ofNullable(to),
        Optional.ofNullable(from),
        Optional.ofNullable(parent),
        status,
        TimeWindow.ALWAYS,
        TimeWindow.ALWAYS);
  }

  /** The plan reads by one of the allowed indexes, in list order (no filesort); its row. */
  private static String expectIndexWalk(ListQuery query, Set<String> allowed) throws SQLException {
    Map<String, String> plan = explain(RecordStore.pageStatement(query), query.parameters());
    String described = plan + " for " + query.parameters();
    assertThat(plan.get("key")).as(described).isIn(allowed);
    assertThat(plan.get("type")).as(described).isIn("ref", "range");
    assertThat(String.valueOf(plan.get("Extra"))).as(described).doesNotContain("filesort");
    return described;
  }

  private static Map<String, String> explain(String sql, List<Object> parameters)
      throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(url, server.user(), server.password());
        PreparedStatement statement = connection.prepareStatement("EXPLAIN " + sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        Map<String, String> plan = new LinkedHashMap<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          plan.put(rows.getMetaData().getColumnLabel(i), rows.getString(i));
        }
        return plan;
      }
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(url, server.user(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
