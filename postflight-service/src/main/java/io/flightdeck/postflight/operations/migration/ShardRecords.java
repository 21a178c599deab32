package io.flightdeck.postflight.operations.migration;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.RecordKind;
import io.flightdeck.record.sql.RecordColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration reads back from an account's shard to compare with legacy: records by Sid, and
 * how many the account has. Rows are read with record-contract's mapping, like the store reads
 * them.
 */
final class ShardRecords {
  private ShardRecords() {}

  static String table(RecordKind kind) {
    return kind == RecordKind.CALL ? "calls" : "messages";
  }

  static RecordColumns<? extends LifecycleRecord, ?> columns(RecordKind kind) {
    return kind == RecordKind.CALL ? RecordColumns.CALLS : RecordColumns.MESSAGES;
  }

  /** The account's records of these Sids on the shard, by Sid (a missing one is absent). */
  static Uni<Map<String, LifecycleRecord>> bySid(
      Pool shard, String account, RecordKind kind, List<String> sids) {
    if (sids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    RecordColumns<? extends LifecycleRecord, ?> columns = columns(kind);
    List<Object> arguments = new ArrayList<>();
    arguments.add(account);
    arguments.addAll(sids);
    return shard
        .preparedQuery(
            "SELECT "
                + String.join(", ", columns.names())
                + " FROM "
                + table(kind)
                + " WHERE account_sid = ? AND sid IN ("
                + String.join(", ", Collections.nCopies(sids.size(), "?"))
                + ")")
        .execute(Tuple.from(arguments))
        .map(
            rows -> {
              Map<String, LifecycleRecord> found = new HashMap<>();
              rows.forEach(
                  row -> {
                    LifecycleRecord record = columns.read(row::getValue);
                    found.put(record.sid(), record);
                  });
              return found;
            });
  }

  /**
   * How many rows the account has on the shard, calls and messages, whose {@code date_updated} is
   * before {@code cut} (the same column, copied from legacy).
   */
  static Uni<Long> countBefore(Pool shard, String account, java.time.LocalDateTime cut) {
    return shard
        .preparedQuery(
            "SELECT (SELECT COUNT(*) FROM calls WHERE account_sid = ? AND date_updated < ?)"
                + " + (SELECT COUNT(*) FROM messages WHERE account_sid = ? AND date_updated < ?) AS n")
        .execute(Tuple.of(account, cut, account, cut))
        .map(rows -> rows.iterator().next().getLong("n"));
  }
}
