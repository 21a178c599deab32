package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.Sid;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads of live records: one by Sid through Hibernate Reactive's Panache entities, an account's
 * list through the Vert.x pool; and the one way a record is stored: as JSON in {@link
 * LiveRecord#record}. Reads are remembered ({@link RecentRecords}), so a transition that follows
 * needs no read of its own.
 */
@ApplicationScoped
public class RecordStore {
  /** Rows a filtered list reads per round trip while it looks for matches. */
  private static final int LIST_BATCH = 200;

  private final ObjectMapper json;
  private final RecentRecords recent;
  private final Pool pool;
  private final Clock clock = Clock.systemUTC();

  public RecordStore(ObjectMapper json, RecentRecords recent, Pool pool) {
    this.json = json;
    this.recent = recent;
    this.pool = pool;
  }

  /** The live record of this kind, if this account has one with this Sid. */
  @WithSession
  public <R extends LifecycleRecord> Uni<Optional<R>> find(
      RecordType<R, ?> type, Sid account, String sid) {
    return LiveRecord.<LiveRecord>findById(sid)
        .map(
            row -> {
              Optional<R> found =
                  Optional.ofNullable(row)
                      .filter(r -> owns(type, account, r))
                      .map(r -> read(type, r));
              found.ifPresent(recent::remember);
              return found;
            });
  }

  /**
   * A page of an account's live records of one kind that pass {@code filter}, newest first,
   * strictly after the position. The in-flight store keeps one index (account, kind, date created,
   * sid), so a filtered list walks the account's live records in that order and tests each: an
   * account's live records are few next to its finished ones, and a write-optimized store carries
   * no filter index.
   *
   * <p>Read through the Vert.x pool with a prepared statement, not Panache: the aggregator asks for
   * this list on every public page, and Hibernate's interpretation of the query took a fifth of the
   * service's time in the paging benchmark's profile.
   */
  public <R extends LifecycleRecord> Uni<List<R>> list(
      RecordType<R, ?> type,
      Sid account,
      Optional<ListPosition> after,
      Predicate<R> filter,
      int limit) {
    int batch = Math.max(limit, LIST_BATCH);
    return collect(type, account, after, filter, limit, batch, new ArrayList<>());
  }

  private <R extends LifecycleRecord> Uni<List<R>> collect(
      RecordType<R, ?> type,
      Sid account,
      Optional<ListPosition> after,
      Predicate<R> filter,
      int limit,
      int batch,
      List<R> found) {
    return page(type, account, after, batch)
        .flatMap(
            rows -> {
              R last = null;
              for (Row row : rows) {
                last = read(type, row.getString("sid"), row.getString("record"));
                if (filter.test(last)) {
                  found.add(last);
                  if (found.size() == limit) {
                    return Uni.createFrom().item(found);
                  }
                }
              }
              if (rows.size() < batch) {
                return Uni.createFrom().item(found);
              }
              return collect(
                  type, account, Optional.of(ListPosition.of(last)), filter, limit, batch, found);
            });
  }

  private Uni<RowSet<Row>> page(
      RecordType<?, ?> type, Sid account, Optional<ListPosition> after, int limit) {
    Tuple arguments = Tuple.of(account.value(), type.column());
    String keyset = "";
    if (after.isPresent()) {
      keyset = " AND (date_created < ? OR (date_created = ? AND sid < ?))";
      LocalDateTime date = LocalDateTime.ofInstant(after.get().dateCreated(), ZoneOffset.UTC);
      arguments.addValue(date).addValue(date).addValue(after.get().sid());
    }
    return pool.preparedQuery(
            "SELECT sid, record FROM live_record WHERE account_sid = ? AND kind = ?"
                + keyset
                + " ORDER BY date_created DESC, sid DESC LIMIT ?")
        .execute(arguments.addValue(limit));
  }

  private static boolean owns(RecordType<?, ?> type, Sid account, LiveRecord row) {
    return row.accountSid.equals(account.value()) && row.kind.equals(type.column());
  }

  /** Database columns keep microseconds; so does every instant the service hands out. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** A record as the store keeps it. */
  String json(LifecycleRecord record) {
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record always serializes", e);
    }
  }

  <R extends LifecycleRecord> R read(RecordType<R, ?> type, LiveRecord row) {
    return read(type, row.sid, row.record);
  }

  private <R extends LifecycleRecord> R read(RecordType<R, ?> type, String sid, String record) {
    try {
      return json.readValue(record, type.recordClass());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored record " + sid + " is unreadable", e);
    }
  }
}
