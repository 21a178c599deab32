package io.flightdeck.postflight.operations.migration;

import io.flightdeck.legacy.LegacyConfig;
import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Status;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a migration reads from the legacy combined store (legacy-store's {@code records}): an
 * account's finished rows by id from a position, its live rows born there, the server's clock. Rows
 * are turned into records by legacy-store's {@link LegacyTable} mapping, the same as post-flight's
 * tables use. Read only: nothing here writes legacy. Thread-safe.
 */
@ApplicationScoped
public class LegacyStore {
  /** A finished record, by the statuses record-contract calls terminal, per kind. */
  static final String FINISHED =
      "((kind = 'call' AND status IN ("
          + quoted(CallStatus.values())
          + ")) OR (kind = 'message' AND status IN ("
          + quoted(MessageStatus.values())
          + ")))";

  private final Optional<Pool> pool;
  private final LegacyConfig config;

  public LegacyStore(LegacyConfig config, Vertx vertx) {
    this.config = config;
    this.pool =
        config
            .host()
            .map(
                host ->
                    MySQLBuilder.pool()
                        .with(
                            new PoolOptions().setMaxSize(config.poolSize()).setName("legacy-pool"))
                        .connectingTo(
                            new MySQLConnectOptions()
                                .setHost(host)
                                .setPort(config.port())
                                .setUser(config.user())
                                .setPassword(config.password().orElse(""))
                                .setDatabase(config.name()))
                        .using(vertx)
                        .build());
  }

  /** Whether {@code flightdeck.legacy.db.host} is set. */
  public boolean configured() {
    return pool.isPresent();
  }

  /** One row of {@code records}: its id, whether it is a copy, and the record it holds. */
  record LegacyRow(long id, boolean mirrored, LifecycleRecord record) {}

  /** The legacy server's clock, {@code NOW(6)}. */
  Uni<LocalDateTime> now() {
    return query("SELECT NOW(6) AS now", Tuple.tuple())
        .map(rows -> rows.iterator().next().getLocalDateTime("now"));
  }

  /** The account's finished rows after {@code afterId}, in id order, at most {@code limit}. */
  Uni<List<LegacyRow>> finishedAfter(String account, long afterId, int limit) {
    return rows(
        "SELECT * FROM records WHERE account_sid = ? AND id > ? AND "
            + FINISHED
            + " ORDER BY id LIMIT ?",
        Tuple.of(account, afterId, limit));
  }

  /**
   * The account's finished rows last changed before {@code cut} (legacy clock) with an id after
   * {@code afterId}, in id order, at most {@code limit}: a walk that ends while records keep
   * finishing.
   */
  Uni<List<LegacyRow>> finishedBefore(String account, LocalDateTime cut, long afterId, int limit) {
    return finishedUpdated("<", account, cut, afterId, limit);
  }

  /**
   * The account's finished rows changed at or after {@code since} (legacy clock) with an id after
   * {@code afterId}, in id order, at most {@code limit}.
   */
  Uni<List<LegacyRow>> changedSince(String account, LocalDateTime since, long afterId, int limit) {
    return finishedUpdated(">=", account, since, afterId, limit);
  }

  private Uni<List<LegacyRow>> finishedUpdated(
      String comparison, String account, LocalDateTime updated, long afterId, int limit) {
    return rows(
        "SELECT * FROM records WHERE account_sid = ? AND id > ? AND date_updated "
            + comparison
            + " ? AND "
            + FINISHED
            + " ORDER BY id LIMIT ?",
        Tuple.of(account, afterId, updated, limit));
  }

  /** The rows of these Sids, finished or not. */
  Uni<List<LegacyRow>> bySids(List<String> sids) {
    if (sids.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return rows(
        "SELECT * FROM records WHERE sid IN ("
            + String.join(", ", Collections.nCopies(sids.size(), "?"))
            + ")",
        Tuple.from(sids));
  }

  /** How many finished rows the account has. */
  Uni<Long> finishedCount(String account) {
    return query(
            "SELECT COUNT(*) AS n FROM records WHERE account_sid = ? AND " + FINISHED,
            Tuple.of(account))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /**
   * How many finished rows the account has whose last change ({@code date_updated}) is before
   * {@code cut}: a count the shard's can match while records keep finishing after the cut.
   */
  Uni<Long> finishedCountBefore(String account, LocalDateTime cut) {
    return query(
            "SELECT COUNT(*) AS n FROM records WHERE account_sid = ? AND date_updated < ? AND "
                + FINISHED,
            Tuple.of(account, cut))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** The live records born in legacy (not copies): how many, and the Sids of the first five. */
  Uni<LiveHere> liveBornHere(String account) {
    String where = " FROM records WHERE account_sid = ? AND mirrored = 0 AND NOT " + FINISHED;
    return query("SELECT COUNT(*) AS n" + where, Tuple.of(account))
        .chain(
            count ->
                query("SELECT sid" + where + " ORDER BY id LIMIT 5", Tuple.of(account))
                    .map(
                        rows -> {
                          List<String> sids = new ArrayList<>();
                          rows.forEach(row -> sids.add(row.getString("sid")));
                          return new LiveHere(count.iterator().next().getLong("n"), sids);
                        }));
  }

  /** Live records born in legacy: their number and up to five Sids. */
  record LiveHere(long count, List<String> first) {}

  /** A statement's rows; a failure names the legacy store (it is down, or refuses). */
  private Uni<RowSet<Row>> query(String sql, Tuple arguments) {
    return pool()
        .preparedQuery(sql)
        .execute(arguments)
        .onFailure()
        .transform(
            e ->
                new IllegalStateException(
                    "the legacy store " + describe() + " does not answer: " + e.getMessage(), e));
  }

  private Uni<List<LegacyRow>> rows(String sql, Tuple arguments) {
    return query(sql, arguments)
        .map(
            rows -> {
              List<LegacyRow> found = new ArrayList<>();
              rows.forEach(row -> found.add(row(row)));
              return found;
            });
  }

  private static LegacyRow row(Row row) {
    LegacyTable<?> table =
        LegacyTable.CALLS.kind().equals(row.getString("kind"))
            ? LegacyTable.CALLS
            : LegacyTable.MESSAGES;
    Object mirrored = row.getValue("mirrored");
    return new LegacyRow(
        row.getLong("id"),
        mirrored instanceof Boolean b ? b : ((Number) mirrored).intValue() != 0,
        table.columns().read(row::getValue));
  }

  private Pool pool() {
    return pool.orElseThrow(
        () ->
            new DependencyUnreachableException(
                "the legacy store (flightdeck.legacy.db.host is not set)", null));
  }

  /** {@code host:port/name}, for messages. */
  String describe() {
    return config.host().orElse("?") + ":" + config.port() + "/" + config.name();
  }

  private static <S extends Status> String quoted(S[] statuses) {
    return Arrays.stream(statuses)
        .filter(Status::terminal)
        .map(s -> "'" + s.wireName() + "'")
        .collect(Collectors.joining(", "));
  }

  @PreDestroy
  void close() {
    pool.ifPresent(Pool::closeAndForget);
  }
}
