package io.flightdeck.aggregator.readpath;

import io.flightdeck.servers.testing.TestServers;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Rows written straight into the legacy combined store's table, as the legacy system held them. */
final class LegacyRows {
  private LegacyRows() {}

  static String sid(String prefix) {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  static void call(String account, String sid, String status, String to, Instant created) {
    sql(
        "INSERT INTO records (kind, sid, account_sid, status, direction, from_address, to_address, start_time, end_time,"
            + " duration, date_created, date_updated, version) VALUES ('call', '%s', '%s', '%s', 'outbound-api', '+14155550100',"
            + " '%s', %s, %s, %s, '%s', '%s', 3)",
        sid,
        account,
        status,
        to,
        status.equals("completed") ? quoted(created.plusSeconds(5)) : "NULL",
        status.equals("completed") ? quoted(created.plusSeconds(47)) : "NULL",
        status.equals("completed") ? "'42'" : "NULL",
        utc(created),
        utc(created.plusSeconds(47)));
  }

  static void message(String account, String sid, String status, Instant created, Instant sent) {
    sql(
        "INSERT INTO records (kind, sid, account_sid, status, direction, from_address, to_address, body, num_media,"
            + " num_segments, date_sent, date_created, date_updated, version) VALUES ('message', '%s', '%s', '%s',"
            + " 'outbound-api', '+14155550100', '+14155550199', 'hello from the legacy store', '0', '1', %s, '%s', '%s', 2)",
        sid, account, status, sent == null ? "NULL" : quoted(sent), utc(created), utc(created));
  }

  /** A row with only the columns the table requires, as given: also values no record may hold. */
  static void bare(String account, String kind, String sid, String status, String dateCreated) {
    sql(
        "INSERT INTO records (kind, sid, account_sid, status, date_created, date_updated, version)"
            + " VALUES ('%s', '%s', '%s', '%s', '%s', '%s', 1)",
        kind, sid, account, status, dateCreated, dateCreated);
  }

  private static String quoted(Instant t) {
    return "'" + utc(t) + "'";
  }

  private static String utc(Instant t) {
    return t.toString().replace("T", " ").replace("Z", "");
  }

  private static void sql(String format, Object... arguments) {
    TestServers.servers().mariaDb("legacy").sql("USE legacy; " + format.formatted(arguments));
  }
}
