package io.flightdeck.stack;

import io.flightdeck.auth.Tokens;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.servers.ServerSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample data of the legacy combined store for the local stack: three accounts, each with four
 * calls and three messages in several states, in the aggregator's {@code legacy.records} table
 * (which the aggregator's migration creates), and the accounts themselves, with fixed public
 * development tokens, in the aggregator's {@code accounts} database, so that they can read their
 * records as soon as their {@code read-path} flag says {@code legacy}. Each record's {@code
 * version} is the length of its status's path in {@link LegacyRecordsSeed}. Idempotent: fixed Sids,
 * rows that exist are kept.
 */
public final class LegacySeed {

  /** "1e" for legacy, then a counter: valid AccountSids no real account has. */
  public static final List<String> ACCOUNTS = List.of(account(1), account(2), account(3));

  private static final Instant T0 = Instant.parse("2026-01-15T09:00:00Z");
  private static final CallStatus[] CALL_STATUSES = {
    CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.IN_PROGRESS, CallStatus.QUEUED
  };
  private static final MessageStatus[] MESSAGE_STATUSES = {
    MessageStatus.DELIVERED, MessageStatus.UNDELIVERED, MessageStatus.SENT
  };

  private final ServerSet servers;

  LegacySeed(ServerSet servers) {
    this.servers = servers;
  }

  private static String account(int number) {
    return "AC1e" + "0".repeat(29) + number;
  }

  /** The account's fixed development auth token (public, this machine only). */
  public static String token(String account) {
    return "flightdeck-legacy-demo-" + account.substring(account.length() - 1);
  }

  void seed() {
    List<String> records = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS.size(); a++) {
      String account = ACCOUNTS.get(a);
      accounts.add("('%s', '%s')".formatted(account, Tokens.hash(token(account))));
      for (int c = 0; c < CALL_STATUSES.length; c++) {
        records.add(call(account, a, c));
      }
      for (int m = 0; m < MESSAGE_STATUSES.length; m++) {
        records.add(message(account, a, m));
      }
    }
    servers
        .mariaDb("legacy")
        .sql(
            // Earlier versions wrote, instead of the nine sample messages, one broken row whose Sid
            // and AccountSid are the literal text %s.
            "DELETE FROM legacy.records WHERE sid = '%s' AND account_sid = '%s';"
                + " INSERT IGNORE INTO legacy.records (kind, sid, account_sid, status, direction,"
                + " from_address, to_address, start_time, end_time, duration, body, num_media, num_segments, date_sent,"
                + " date_created, date_updated, version) VALUES "
                + String.join(", ", records));
    servers
        .mariaDb("control")
        .sql(
            "INSERT INTO accounts.account (sid, auth_token_sha256) VALUES "
                + String.join(", ", accounts)
                + " ON DUPLICATE KEY UPDATE auth_token_sha256 = VALUES(auth_token_sha256)");
  }

  private static String call(String account, int a, int c) {
    Instant created = T0.plusSeconds(3600L * a + 600L * c);
    CallStatus status = CALL_STATUSES[c];
    boolean answered = status == CallStatus.COMPLETED || status == CallStatus.IN_PROGRESS;
    Instant end = status.terminal() ? created.plusSeconds(45) : null;
    Instant updated = end != null ? end : answered ? created.plusSeconds(3) : created;
    return "('call', '%s', '%s', '%s', 'outbound-api', '+14155550100', '+1415555020%d', %s, %s, %s, NULL, NULL, NULL, NULL, '%s', '%s', %d)"
        .formatted(
            sid("CA", a, c),
            account,
            status.wireName(),
            c,
            answered ? quoted(created.plusSeconds(3)) : "NULL",
            end != null ? quoted(end) : "NULL",
            status == CallStatus.COMPLETED ? "'42'" : status.terminal() ? "'0'" : "NULL",
            utc(created),
            utc(updated),
            LegacyRecordsSeed.CALL_PATHS.get(status).size());
  }

  private static String message(String account, int a, int m) {
    Instant created = T0.plusSeconds(3600L * a + 600L * m + 300);
    MessageStatus status = MESSAGE_STATUSES[m];
    return ("('message', '%s', '%s', '%s', 'outbound-api', '+14155550100', '+1415555030%d', NULL, NULL, NULL,"
            + " 'Legacy sample %d', '0', '1', '%s', '%s', '%s', %d)")
        .formatted(
            sid("SM", a, m),
            account,
            status.wireName(),
            m,
            m,
            utc(created.plusSeconds(1)),
            utc(created),
            utc(created.plusSeconds(2)),
            LegacyRecordsSeed.MESSAGE_PATHS.get(status).size());
  }

  private static String sid(String prefix, int account, int record) {
    return prefix + "1e" + "0".repeat(26) + String.format("%02d%02d", account, record);
  }

  private static String quoted(Instant t) {
    return "'" + utc(t) + "'";
  }

  private static String utc(Instant t) {
    return t.toString().replace("T", " ").replace("Z", "");
  }
}
