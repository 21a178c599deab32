package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The "before" design: the legacy combined store's {@code records}, created by its own migration
 * (legacy-store's {@code db/legacy}): one table for every record in every state, with an index per
 * public list filter, so every transition also rewrites the index entries of the columns it
 * changes: status always, start time and end time on completion.
 */
record LegacyRecords() implements UpdateTarget {

  @Override
  public String phase() {
    return "legacy store";
  }

  @Override
  public String database() {
    return "bench_legacy";
  }

  @Override
  public StoreMigrations migrations() {
    return StoreMigrations.LEGACY_RECORDS;
  }

  @Override
  public String insert() {
    return "INSERT INTO records (kind, sid, account_sid, status, direction, from_address, to_address, date_created, date_updated,"
        + " version) VALUES ('call', ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
    return "UPDATE records SET status = ?, version = ?, date_updated = ?, start_time = ?, end_time = ?, duration = ?"
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
