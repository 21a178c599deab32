package io.flightdeck.postflight.control;

import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.ShardMap;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map version's content as rows of {@code shard_map_ranges} and {@code shard_map_overrides},
 * keyed by (kind, version): written once with its version, read back whole. Keyspace ids are stored
 * as their 16-digit hex, so the SQL order of the rows is the keyspace's.
 */
final class MapContentRows {
  private MapContentRows() {}

  static Uni<Void> insert(SqlConnection conn, MapKind kind, long version, ShardMap map) {
    List<Tuple> ranges = new ArrayList<>();
    map.ranges()
        .forEach(
            a ->
                ranges.add(
                    Tuple.of(
                        kind.wireName(),
                        version,
                        hex(a.range().start()),
                        a.range().toEnd() ? null : hex(a.range().end()),
                        a.shard())));
    List<Tuple> overrides = new ArrayList<>();
    map.overrides()
        .forEach(
            (account, shard) -> overrides.add(Tuple.of(kind.wireName(), version, account, shard)));
    Uni<Void> stored = Uni.createFrom().voidItem();
    if (!ranges.isEmpty()) {
      stored =
          stored.chain(
              () ->
                  conn.preparedQuery(
                          "INSERT INTO shard_map_ranges (kind, version, range_start, range_end, shard_id) VALUES (?, ?, ?, ?, ?)")
                      .executeBatch(ranges)
                      .replaceWithVoid());
    }
    if (!overrides.isEmpty()) {
      stored =
          stored.chain(
              () ->
                  conn.preparedQuery(
                          "INSERT INTO shard_map_overrides (kind, version, account_sid, shard_id) VALUES (?, ?, ?, ?)")
                      .executeBatch(overrides)
                      .replaceWithVoid());
    }
    return stored;
  }

  static Uni<List<ShardMap.Assignment>> ranges(SqlClient client, Tuple key) {
    return client
        .preparedQuery(
            "SELECT range_start, range_end, shard_id FROM shard_map_ranges WHERE kind = ? AND version = ?")
        .execute(key)
        .map(
            rows -> {
              List<ShardMap.Assignment> ranges = new ArrayList<>();
              rows.forEach(
                  row -> {
                    String end = row.getString("range_end");
                    KeyRange range =
                        new KeyRange(
                            KeyspaceId.parse("range_start", row.getString("range_start")).value(),
                            end == null ? 0 : KeyspaceId.parse("range_end", end).value());
                    ranges.add(new ShardMap.Assignment(range, row.getString("shard_id")));
                  });
              ranges.sort(Comparator.comparing(a -> a.range().start(), Long::compareUnsigned));
              return ranges;
            });
  }

  static Uni<Map<String, String>> overrides(SqlClient client, Tuple key) {
    return client
        .preparedQuery(
            "SELECT account_sid, shard_id FROM shard_map_overrides WHERE kind = ? AND version = ?")
        .execute(key)
        .map(
            rows -> {
              Map<String, String> overrides = new HashMap<>();
              rows.forEach(
                  row -> overrides.put(row.getString("account_sid"), row.getString("shard_id")));
              return overrides;
            });
  }

  private static String hex(long value) {
    return new KeyspaceId(value).toString();
  }
}
