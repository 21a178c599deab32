package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.vertx.sqlclient.Tuple;

/**
 * The raw ceiling: inflight-service's own {@code live_record}, created by its own migrations in a
 * database of its own, updated with the service's own UPDATE statement and row sizes, but straight
 * from the driver: no HTTP, no transaction around a read, no outbox.
 */
record LiveRecords() implements UpdateTarget {

  @Override
  public String phase() {
    return "raw ceiling";
  }

  @Override
  public String database() {
    return "bench_raw";
  }

  @Override
  public StoreMigrations migrations() {
    return StoreMigrations.LIVE_RECORDS;
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
    // The statement GroupCommit sends for each transition.
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
