package io.flightdeck.stack;

import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.flags.WritePath;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.UnleashEndpoint;
import io.flightdeck.stack.AdminAccounts.Account;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code legacy seed}: new accounts that live on the legacy combined store, as customers of the
 * "before" design do. Each account is created through the aggregator's admin API (it gets API
 * credentials as any account does), receives its records ({@link LegacyRecordsSeed}, written by
 * {@link LegacyRows} into the database {@code legacy} of the stack's legacy MariaDB), and is then
 * put on {@code legacy} for both {@code read-path} and {@code write-path} in Unleash (its
 * development environment, with the stack's admin token), so its reads and writes go to that store
 * once the services have fetched the flags. Only then is its {@code AC…:token} line printed: a
 * printed account is complete.
 *
 * <p>Accounts are seeded {@link #WRITERS} at a time, each writer on a connection of its own; flags
 * are changed one account at a time ({@link UnleashAdmin} edits a strategy by reading and writing
 * it whole).
 */
final class LegacyAccounts {

  /** Writers at once: the local stack's MariaDB and this JVM share two cores. */
  static final int WRITERS = 2;

  private final AdminAccounts admin;
  private final MariaDbEndpoint legacy;
  private final UnleashAdmin flags;

  LegacyAccounts(LocalStack stack) {
    this.admin = new AdminAccounts(stack.url(LocalStack.AGGREGATOR));
    this.legacy = stack.servers().mariaDb("legacy").endpoint();
    UnleashEndpoint unleash = stack.servers().unleash().endpoint();
    this.flags = new UnleashAdmin(unleash.apiUrl(), unleash.adminToken(), "development");
  }

  /**
   * Seeds {@code count} new accounts with {@code finished} finished records each (and {@link
   * LegacyRecordsSeed#liveCount} live ones), printing each account's {@code AC…:token} on {@code
   * out} once it is complete, and progress on {@code progress}.
   *
   * @return the accounts, in the order they were completed
   * @throws IllegalStateException naming what failed (accounts printed before it are complete)
   */
  List<Account> seed(int count, int finished, PrintStream out, PrintStream progress) {
    Instant now = Instant.now();
    long begin = System.nanoTime();
    AtomicLong rows = new AtomicLong();
    AtomicInteger done = new AtomicInteger();
    List<Account> seeded = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(Math.min(WRITERS, count));
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        tasks.add(
            writers.submit(
                () -> {
                  Account account = admin.create();
                  long written = write(account.sid(), finished, now);
                  flag(account.sid());
                  synchronized (seeded) {
                    seeded.add(account);
                    out.println(account.sid() + ":" + account.authToken());
                    out.flush();
                    progress.printf(
                        "legacy seed: %d/%d accounts, %,d records (%s)%n",
                        done.incrementAndGet(), count, rows.addAndGet(written), rate(rows, begin));
                  }
                  return null;
                }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IllegalStateException(
          cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } finally {
      writers.shutdownNow();
    }
    progress.printf(
        "legacy seed: %d accounts, %,d records in the legacy store in %.1f s (%s); read-path and"
            + " write-path legacy%n",
        count, rows.get(), (System.nanoTime() - begin) / 1e9, rate(rows, begin));
    return seeded;
  }

  private long write(String account, int finished, Instant now) {
    List<LifecycleRecord> records =
        new LegacyRecordsSeed(new SplittableRandom(), now).account(account, finished);
    try (Connection connection =
        DriverManager.getConnection(legacy.jdbcUrl("legacy"), legacy.user(), legacy.password())) {
      return LegacyRows.insert(connection, records);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot write account "
              + account
              + "'s records to "
              + legacy.jdbcUrl("legacy")
              + ": "
              + e,
          e);
    }
  }

  private void flag(String account) {
    synchronized (flags) {
      try {
        flags.assign(Flags.READ_PATH, ReadPath.LEGACY, account);
        flags.assign(Flags.WRITE_PATH, WritePath.LEGACY, account);
      } catch (IOException e) {
        throw new IllegalStateException(
            "Cannot put account " + account + " on legacy in Unleash: " + e.getMessage(), e);
      }
    }
  }

  private static String rate(AtomicLong rows, long begin) {
    Duration took = Duration.ofNanos(System.nanoTime() - begin);
    return String.format("%,.0f records/s", rows.get() / Math.max(0.001, took.toMillis() / 1e3));
  }
}
