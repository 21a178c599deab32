package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The raw ceiling: a table shaped like inflight-service's live table (its migrations V1 and V2:
 * {@code live_record}, same columns, same one secondary index), updated with the service's own
 * UPDATE statement and row sizes, but straight from the driver: no HTTP, no transaction around a
 * read, no outbox.
 */
record LiveRecordTable() implements UpdateTarget {

  @Override
  public String phase() {
    return "raw ceiling";
  }

  @Override
  public String database() {
    return "bench_raw";
  }

  @Override
  public List<String> schema() {
    // As inflight-service's db/migration V1 + V2 leave it.
    return List.of(
        "DROP TABLE IF EXISTS live_record",
        """
                CREATE TABLE live_record (
                  sid          CHAR(34)    NOT NULL,
                  account_sid  CHAR(34)    NOT NULL,
                  kind         VARCHAR(8)  NOT NULL DEFAULT 'call',
                  status       VARCHAR(16) NOT NULL,
                  date_created DATETIME(6) NOT NULL,
                  version      BIGINT      NOT NULL,
                  record       TEXT        NOT NULL,
                  PRIMARY KEY (sid),
                  KEY live_record_by_account (account_sid, kind, date_created DESC, sid DESC)
                ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin""");
  }

  @Override
  public String insert() {
    return "INSERT INTO live_record (sid, account_sid, kind, status, date_created, version, record)"
        + " VALUES (?, ?, 'call', ?, ?, ?, ?)";
  }

  @Override
  public Tuple insertArguments(CallRecord record) {
    return Tuple.of(
        record.sid(),
        record.accountSid(),
        record.status().wireName(),
        UpdateTarget.utc(record.dateCreated()),
        record.version(),
        RecordJson.write(record));
  }

  @Override
  public String update() {
    // The statement RecordLifecycle.apply has Hibernate send.
    return "UPDATE live_record SET status = ?, version = ?, record = ? WHERE sid = ? AND version = ?";
  }

  @Override
  public Tuple updateArguments(CallRecord current, CallRecord next) {
    return Tuple.of(
        next.status().wireName(),
        next.version(),
        RecordJson.write(next),
        next.sid(),
        current.version());
  }
}
