package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The "before" design: one table for calls in every state, with post-flight's typed columns and all
 * of post-flight's read indexes (postflight-service's {@code db/shard/V1__calls.sql}), so every
 * transition also rewrites the index entries of the columns it changes: status always, start time
 * and end time on completion. Not partitioned: a single legacy table, and a lookup by Sid alone
 * would otherwise probe every partition.
 */
record CombinedStoreTable() implements UpdateTarget {

  @Override
  public String phase() {
    return "combined store";
  }

  @Override
  public String database() {
    return "bench_combined";
  }

  @Override
  public List<String> schema() {
    return List.of(
        "DROP TABLE IF EXISTS calls",
        """
                CREATE TABLE calls (
                  id               BIGINT       NOT NULL AUTO_INCREMENT,
                  sid              CHAR(34)     NOT NULL,
                  account_sid      CHAR(34)     NOT NULL,
                  parent_call_sid  CHAR(34)     NULL,
                  status           VARCHAR(16)  NOT NULL,
                  direction        VARCHAR(32)  NULL,
                  from_address     VARCHAR(255) NULL,
                  to_address       VARCHAR(255) NULL,
                  from_formatted   VARCHAR(255) NULL,
                  to_formatted     VARCHAR(255) NULL,
                  caller_name      VARCHAR(255) NULL,
                  forwarded_from   VARCHAR(255) NULL,
                  answered_by      VARCHAR(32)  NULL,
                  phone_number_sid CHAR(34)     NULL,
                  group_sid        CHAR(34)     NULL,
                  trunk_sid        CHAR(34)     NULL,
                  queue_time       VARCHAR(16)  NULL,
                  start_time       DATETIME(6)  NULL,
                  end_time         DATETIME(6)  NULL,
                  duration         VARCHAR(16)  NULL,
                  price            VARCHAR(16)  NULL,
                  price_unit       CHAR(3)      NULL,
                  date_created     DATETIME(6)  NOT NULL,
                  date_updated     DATETIME(6)  NOT NULL,
                  version          BIGINT       NOT NULL,
                  PRIMARY KEY (id),
                  UNIQUE KEY calls_sid (sid),
                  KEY calls_by_account (account_sid, date_created, sid),
                  KEY calls_by_account_status (account_sid, status, date_created, sid),
                  KEY calls_by_account_to (account_sid, to_address, date_created, sid),
                  KEY calls_by_account_from (account_sid, from_address, date_created, sid),
                  KEY calls_by_account_parent (account_sid, parent_call_sid, date_created, sid),
                  KEY calls_by_account_start_time (account_sid, start_time),
                  KEY calls_by_account_end_time (account_sid, end_time)
                ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin""");
  }

  @Override
  public String insert() {
    return "INSERT INTO calls (sid, account_sid, status, direction, from_address, to_address, date_created, date_updated,"
        + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  @Override
  public Tuple insertArguments(CallRecord record) {
    return Tuple.from(
        List.of(
            record.sid(),
            record.accountSid(),
            record.status().wireName(),
            record.direction(),
            record.from(),
            record.to(),
            UpdateTarget.utc(record.dateCreated()),
            UpdateTarget.utc(record.dateUpdated()),
            record.version()));
  }

  @Override
  public String update() {
    // One statement for every transition: InnoDB leaves an index alone when its columns keep their
    // values.
    return "UPDATE calls SET status = ?, version = ?, date_updated = ?, start_time = ?, end_time = ?, duration = ?"
        + " WHERE sid = ? AND version = ?";
  }

  @Override
  public Tuple updateArguments(CallRecord current, CallRecord next) {
    return Tuple.tuple()
        .addValue(next.status().wireName())
        .addValue(next.version())
        .addValue(UpdateTarget.utc(next.dateUpdated()))
        .addValue(UpdateTarget.utc(next.startTime()))
        .addValue(UpdateTarget.utc(next.endTime()))
        .addValue(next.duration())
        .addValue(next.sid())
        .addValue(current.version());
  }
}
