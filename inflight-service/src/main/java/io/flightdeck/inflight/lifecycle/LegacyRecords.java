package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.legacy.LegacyStore;
import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.RecordKind;
import io.flightdeck.record.Sid;
import io.flightdeck.record.sql.ListQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads of the legacy combined store's one table, {@code records} (legacy-store's {@code
 * db/legacy}), and the copies the split path writes there: a record of an account on the {@code
 * dual} write path is also upserted here, version by version, with {@code mirrored = 1}, so the
 * legacy store keeps holding all of the account while its reads or a rollback rely on it. Rows map
 * to records through record-contract's {@code RecordColumns}, as post-flight's tables do.
 */
@ApplicationScoped
public class LegacyRecords {
  private final LegacyStore legacy;

  public LegacyRecords(LegacyStore legacy) {
    this.legacy = legacy;
  }

  /** A record as the legacy store holds it: its own ({@code mirrored = 0}) or a copy. */
  record Stored<R extends LifecycleRecord>(R record, boolean mirrored) {}

  static <R extends LifecycleRecord> LegacyTable<R> table(RecordType<R, ?> type) {
    @SuppressWarnings("unchecked")
    LegacyTable<R> table =
        (LegacyTable<R>)
            (type.kind() == RecordKind.CALL ? LegacyTable.CALLS : LegacyTable.MESSAGES);
    return table;
  }

  static String columns(RecordType<?, ?> type) {
    return String.join(", ", table(type).columns().names());
  }

  /** The legacy store's server, or a 503 naming it. */
  InflightNode server() {
    return legacy.server();
  }

  /** The account's record of this kind with this Sid, its own or a copy. */
  public <R extends LifecycleRecord> Uni<Optional<R>> find(
      RecordType<R, ?> type, Sid account, String sid) {
    InflightNode server = server();
    return server
        .guard(stored(server.pool(), type, account, sid, false))
        .map(found -> found.map(Stored::record));
  }

  /**
   * The row of this Sid, if it is this account's record of this kind; {@code forUpdate} locks it
   * for the caller's transaction.
   */
  <R extends LifecycleRecord> Uni<Optional<Stored<R>>> stored(
      SqlClient client, RecordType<R, ?> type, Sid account, String sid, boolean forUpdate) {
    return client
        .preparedQuery(
            "SELECT account_sid AS owner, kind, mirrored, "
                + columns(type)
                + " FROM records WHERE sid = ?"
                + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(sid))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              if (!row.getString("owner").equals(account.value())
                  || !row.getString("kind").equals(table(type).kind())) {
                return Optional.empty();
              }
              return Optional.of(
                  new Stored<>(
                      table(type).columns().read(row::getValue), row.getBoolean("mirrored")));
            });
  }

  /**
   * The account's live records of this kind that were born here ({@code mirrored = 0}, a status
   * that is not terminal) and pass {@code filter}, newest first, strictly after the position: what
   * inflight-service's own list adds for an account on the legacy or dual write path. Finished ones
   * are post-flight's to list, as the split path's are.
   */
  <R extends LifecycleRecord> Uni<List<R>> listLive(LiveList<R> request) {
    InflightNode server = server();
    RecordType<R, ?> type = request.type();
    return server.guard(
        FilteredScan.tested(
            (from, size) -> live(server, request, from, size),
            row -> table(type).columns().read(row::getValue),
            request));
  }

  /** A batch of the account's live rows born here, newest first, strictly after the position. */
  private Uni<RowSet<Row>> live(
      InflightNode server, LiveList<?> list, Optional<ListPosition> after, int size) {
    RecordType<?, ?> type = list.type();
    List<String> live =
        Arrays.stream(type.statusClass().getEnumConstants())
            .filter(status -> !status.terminal())
            .map(status -> status.wireName())
            .toList();
    ListQuery query =
        ListQuery.ofAccount(list.account().value())
            .equal("kind", Optional.of(table(type).kind()))
            .equal("mirrored", Optional.of(0))
            .in("status", live)
            .after(after)
            .limit(size);
    return server
        .pool()
        .preparedQuery("SELECT " + columns(type) + " FROM records" + query.whereAndOrder())
        .execute(Tuple.from(query.parameters()));
  }

  /**
   * Writes the split path's record here as a copy, unless the copy already has this version or a
   * later one (two writes of one record may reach here out of order). A row born here is never
   * overwritten by a copy.
   */
  public Uni<Void> mirror(RecordType<?, ?> type, LifecycleRecord record) {
    InflightNode server = server();
    List<String> names = table(type).columns().names();
    String updates =
        names.stream()
            .filter(name -> !name.equals("version") && !name.equals("sid"))
            .map(
                name ->
                    name
                        + " = IF(mirrored AND VALUES(version) > version, VALUES("
                        + name
                        + "), "
                        + name
                        + ")")
            .collect(Collectors.joining(", "));
    Object[] values = values(type, record);
    Tuple arguments = Tuple.of(table(type).kind());
    Arrays.stream(values).forEach(arguments::addValue);
    return server.guard(
        server
            .pool()
            .preparedQuery(
                "INSERT INTO records (kind, mirrored, "
                    + String.join(", ", names)
                    + ") VALUES (?, 1"
                    + ", ?".repeat(names.size())
                    + ") ON DUPLICATE KEY UPDATE "
                    + updates
                    + ", version = IF(mirrored, GREATEST(version, VALUES(version)), version)")
            .execute(arguments)
            .replaceWithVoid());
  }

  @SuppressWarnings("unchecked")
  static <R extends LifecycleRecord> Object[] values(
      RecordType<R, ?> type, LifecycleRecord record) {
    return table(type).columns().values((R) record);
  }
}
