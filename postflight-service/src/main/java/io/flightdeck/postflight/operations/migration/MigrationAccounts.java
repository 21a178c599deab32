package io.flightdeck.postflight.operations.migration;

import io.flightdeck.postflight.control.ControlDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-account state of migrations in the control database ({@code migration_accounts}): the one
 * place it is written and read. Each write is one statement, committed before the step goes on, so
 * a driver killed at any point leaves what the next one resumes from. Thread-safe.
 */
@ApplicationScoped
public class MigrationAccounts {
  private final ControlDatabase db;

  public MigrationAccounts(ControlDatabase db) {
    this.db = db;
  }

  /** Stores the accounts of a new migration, on the flags the pre-checks found. */
  Uni<Void> create(String operationId, List<String> accounts) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      rows.add(
          Tuple.from(
              new Object[] {
                operationId, accounts.get(i), i, "pre-check", "legacy", "legacy", now()
              }));
    }
    return db.pool()
        .preparedQuery(
            "INSERT INTO migration_accounts (operation_id, account_sid, ordinal, step, write_path, read_path, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  /** The operation's accounts, in the order they were asked for. */
  Uni<List<AccountState>> of(String operationId) {
    return db.pool()
        .preparedQuery("SELECT * FROM migration_accounts WHERE operation_id = ? ORDER BY ordinal")
        .execute(Tuple.of(operationId))
        .map(
            rows -> {
              List<AccountState> found = new ArrayList<>();
              rows.forEach(row -> found.add(state(row)));
              return found;
            });
  }

  /**
   * Sets columns of one account, e.g. {@code set(op, account, "rows_copied = ?", 12)}; the
   * assignments' placeholders first, in order.
   */
  Uni<Void> set(String operationId, String account, String assignments, Object... values) {
    Object[] all = new Object[values.length + 3];
    System.arraycopy(values, 0, all, 0, values.length);
    all[values.length] = now();
    all[values.length + 1] = operationId;
    all[values.length + 2] = account;
    return db.pool()
        .preparedQuery(
            "UPDATE migration_accounts SET "
                + assignments
                + ", updated_at = ? WHERE operation_id = ? AND account_sid = ?")
        .execute(Tuple.from(all))
        .replaceWithVoid();
  }

  /** The step an account is at, as shown by the status. */
  Uni<Void> at(String operationId, String account, String step) {
    return set(operationId, account, "step = ?", step);
  }

  /** The flags as this migration sets them, stored before Unleash is asked to. */
  Uni<Void> flags(String operationId, String account, FlagStates.Paths flags) {
    return set(operationId, account, "write_path = ?, read_path = ?", flags.write(), flags.read());
  }

  private static AccountState state(Row row) {
    return new AccountState(
        row.getString("account_sid"),
        row.getString("step"),
        new FlagStates.Paths(row.getString("write_path"), row.getString("read_path")),
        row.getLong("backfill_position"),
        row.getLong("rows_copied"),
        row.getLocalDateTime("backfill_started_at"),
        row.getLocalDateTime("drain_started_at"),
        row.getLong("rows_verified"),
        row.getString("mismatches"),
        row.getLong("capture_rows"),
        row.getLocalDateTime("capture_oldest"),
        row.getLocalDateTime("watch_started_at"),
        row.getLong("watch_compared"),
        row.getLong("watch_differing"),
        row.getLocalDateTime("rolled_back_at"),
        row.getString("note"));
  }

  /** DATETIME(6) columns of the control database hold UTC. */
  static LocalDateTime now() {
    return LocalDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  static Optional<Instant> instant(LocalDateTime utc) {
    return Optional.ofNullable(utc).map(t -> t.toInstant(ZoneOffset.UTC));
  }
}
