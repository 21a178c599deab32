package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A table the direct phases update without the service: its schema, how a new call is inserted, and
 * the one single-row UPDATE a transition makes of it (optimistic, on sid and version).
 */
sealed interface UpdateTarget permits LiveRecords, LegacyRecords {

  /** The phase's name in the report. */
  String phase();

  /** Its own database on the in-flight MariaDB server. */
  String database();

  /** The owner's migrations that create the table, run on an empty {@link #database()}. */
  StoreMigrations migrations();

  String insert();

  Tuple insertArguments(CallRecord record);

  String update();

  /** The arguments of {@link #update()} that move the row from {@code current} to {@code next}. */
  Tuple updateArguments(CallRecord current, CallRecord next);

  /** DATETIME(6) columns take local date-times; the servers run in UTC. */
  static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
