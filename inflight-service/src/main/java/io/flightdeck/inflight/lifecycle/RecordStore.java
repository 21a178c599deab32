package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.Sid;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads of live records (one by Sid, an account's list) through Hibernate Reactive's Panache
 * entities, and the one way a record is stored: as JSON in {@link LiveRecord#record}. Reads are
 * remembered ({@link RecentRecords}), so a transition that follows needs no read of its own.
 */
@ApplicationScoped
public class RecordStore {
  /** Rows a filtered list reads per round trip while it looks for matches. */
  private static final int LIST_BATCH = 200;

  private final ObjectMapper json;
  private final RecentRecords recent;
  private final Clock clock = Clock.systemUTC();

  public RecordStore(ObjectMapper json, RecentRecords recent) {
    this.json = json;
    this.recent = recent;
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
   */
  @WithSession
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
              for (LiveRecord row : rows) {
                R record = read(type, row);
                if (filter.test(record)) {
                  found.add(record);
                  if (found.size() == limit) {
                    return Uni.createFrom().item(found);
                  }
                }
              }
              if (rows.size() < batch) {
                return Uni.createFrom().item(found);
              }
              LiveRecord last = rows.get(rows.size() - 1);
              Optional<ListPosition> next =
                  Optional.of(new ListPosition(last.dateCreated, last.sid));
              return collect(type, account, next, filter, limit, batch, found);
            });
  }

  private static Uni<List<LiveRecord>> page(
      RecordType<?, ?> type, Sid account, Optional<ListPosition> after, int limit) {
    Parameters parameters = Parameters.with("account", account.value()).and("kind", type.column());
    String keyset = "";
    if (after.isPresent()) {
      keyset = " and (dateCreated < :date or (dateCreated = :date and sid < :sid))";
      parameters = parameters.and("date", after.get().dateCreated()).and("sid", after.get().sid());
    }
    return LiveRecord.<LiveRecord>find(
            "accountSid = :account and kind = :kind" + keyset,
            Sort.descending("dateCreated", "sid"),
            parameters)
        .range(0, limit - 1)
        .list();
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
    try {
      return json.readValue(row.record, type.recordClass());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored record " + row.sid + " is unreadable", e);
    }
  }
}
