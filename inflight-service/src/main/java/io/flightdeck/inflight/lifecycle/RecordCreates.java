package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.InflightNodes;
import io.flightdeck.inflight.nodes.Slots;
import io.flightdeck.inflight.outbox.RecordTrace;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Creates live records, the same for every {@link RecordType}: the record's row, its Sid's claim
 * and its idempotency key in one transaction on one in-flight node. A record created already
 * terminal writes its completed-record event to the outbox in the same transaction.
 *
 * <p>Which node: a record with neither its own Sid nor an {@code Idempotency-Key} goes to a
 * weighted-random usable node, with a Sid minted in a slot that node owns ({@link
 * InflightNodes#placeCreate()}). A producer's own Sid goes to the owner of its slot, so every
 * create of one Sid meets the same claims. An {@code Idempotency-Key} names a slot of its own
 * ({@link Slots#ofKey}); the record is minted in it and goes to its owner, so a retry meets its
 * first try whichever instance it reaches. When that one node is unreachable the create answers
 * 503: only it can say whether the first try made a record.
 */
@ApplicationScoped
public class RecordCreates {
  /** MariaDB's "duplicate entry" error: a claimed Sid, or a key another create just stored. */
  private static final int DUPLICATE_KEY = 1062;

  private final InflightNodes nodes;
  private final RecordStore store;
  private final RecentRecords recent;
  private final RecordTrace trace;

  public RecordCreates(
      InflightNodes nodes, RecordStore store, RecentRecords recent, RecordTrace trace) {
    this.nodes = nodes;
    this.store = store;
    this.recent = recent;
    this.trace = trace;
  }

  /**
   * Creates a record, or answers the record a previous create with the same key made. Two creates
   * racing with one key both end with the record of the one that committed first. A Sid that a
   * record has, or ever had, here is never given to a second one (the {@code sid_claim} table).
   */
  public <R extends LifecycleRecord> Uni<Created> create(
      RecordType<R, ?> type, Sid account, NewRecord<R> request, Optional<String> idempotencyKey) {
    Optional<String> ownSid = request.ownSid();
    int slot;
    if (ownSid.isPresent()) {
      slot = Slots.of(ownSid.get());
    } else if (idempotencyKey.isPresent()) {
      slot = Slots.ofKey(account.value(), idempotencyKey.get());
    } else {
      InflightNodes.Placement placed = nodes.placeCreate();
      slot = placed.slot();
    }
    List<InflightNode> owners = nodes.owners(slot);
    if (owners.isEmpty()) {
      throw new InvalidFieldException(
          "sid", "sid names slot " + slot + ", which no in-flight node owns");
    }
    InflightNode node = owners.get(0);
    if (!node.serving()) {
      throw node.unreachable();
    }
    Instant now = store.now();
    R record =
        request.toRecord(
            account, now, ownSid.orElseGet(() -> Slots.mint(request.mintedKind(), slot)));
    String traceparent = trace.current().orElse(null);
    // A Sid minted here (122 random bits) for a create without a key can have been given by no
    // earlier owner: asking them would only make the create wait for, or fail with, a node that
    // is down.
    List<InflightNode> asked =
        ownSid.isPresent() || idempotencyKey.isPresent() ? owners : owners.subList(0, 1);
    Uni<Created> created =
        earlierOwners(asked, type, account, record.sid(), idempotencyKey)
            .flatMap(
                earlier ->
                    earlier.isPresent()
                        ? Uni.createFrom().item(earlier.get())
                        : node.guard(
                            node.pool()
                                .withTransaction(
                                    connection ->
                                        createOn(
                                            connection,
                                            node,
                                            type,
                                            account,
                                            record,
                                            idempotencyKey,
                                            now,
                                            traceparent))));
    return created
        .invoke(
            made -> {
              if (made instanceof Created.Made) {
                recent.remember(record);
                trace.name(record.sid());
              }
            })
        .onFailure(RecordCreates::duplicateKey)
        .recoverWithUni(
            () ->
                node.guard(
                    previousCreate(node.pool(), node, type, account, idempotencyKey)
                        .map(
                            previous ->
                                previous.orElseGet(() -> new Created.SidTaken(record.sid())))));
  }

  /**
   * What the slot's earlier owners know (a slot moved to a node that joined): a create this key
   * made there, or the Sid's claim. Nothing to ask when the slot never moved.
   */
  private <R extends LifecycleRecord> Uni<Optional<Created>> earlierOwners(
      List<InflightNode> owners,
      RecordType<R, ?> type,
      Sid account,
      String sid,
      Optional<String> idempotencyKey) {
    Uni<Optional<Created>> found = Uni.createFrom().item(Optional.empty());
    for (InflightNode earlier : owners.subList(1, owners.size())) {
      found =
          found.flatMap(
              known -> {
                if (known.isPresent()) {
                  return Uni.createFrom().item(known);
                }
                if (!earlier.serving()) {
                  return Uni.createFrom().failure(earlier.unreachable());
                }
                return earlier.guard(
                    previousCreate(earlier.pool(), earlier, type, account, idempotencyKey)
                        .flatMap(
                            previous ->
                                previous.isPresent()
                                    ? Uni.createFrom().item(previous)
                                    : claimed(earlier.pool(), sid)
                                        .map(
                                            taken ->
                                                taken
                                                    ? Optional.<Created>of(
                                                        new Created.SidTaken(sid))
                                                    : Optional.<Created>empty())));
              });
    }
    return found;
  }

  private <R extends LifecycleRecord> Uni<Created> createOn(
      SqlConnection connection,
      InflightNode node,
      RecordType<R, ?> type,
      Sid account,
      LifecycleRecord record,
      Optional<String> idempotencyKey,
      Instant now,
      String traceparent) {
    return previousCreate(connection, node, type, account, idempotencyKey)
        .flatMap(
            previous ->
                previous.isPresent()
                    ? Uni.createFrom().item(previous.get())
                    : insert(connection, type, record, idempotencyKey, now, traceparent)
                        .replaceWith(new Created.Made(record)));
  }

  /** What an earlier create with this key made; its record is absent once it has left in-flight. */
  private <R extends LifecycleRecord> Uni<Optional<Created>> previousCreate(
      SqlClient client,
      InflightNode node,
      RecordType<R, ?> type,
      Sid account,
      Optional<String> idempotencyKey) {
    if (idempotencyKey.isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return client
        .preparedQuery(
            "SELECT k.sid, r.record FROM idempotency_key k LEFT JOIN live_record r ON r.sid = k.sid"
                + " WHERE k.account_sid = ? AND k.idempotency_key = ?")
        .execute(Tuple.of(account.value(), idempotencyKey.get()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              var row = rows.iterator().next();
              String sid = row.getString("sid");
              Optional<LifecycleRecord> live =
                  Optional.ofNullable(row.getString("record"))
                      .map(json -> store.read(type, sid, json));
              return Optional.of(new Created.Repeated(sid, live));
            });
  }

  private static Uni<Boolean> claimed(SqlClient client, String sid) {
    return client
        .preparedQuery("SELECT 1 FROM sid_claim WHERE sid = ?")
        .execute(Tuple.of(sid))
        .map(rows -> rows.size() > 0);
  }

  static boolean duplicateKey(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MySQLException e && e.getErrorCode() == DUPLICATE_KEY) {
        return true;
      }
    }
    return false;
  }

  private Uni<Void> insert(
      SqlConnection connection,
      RecordType<?, ?> type,
      LifecycleRecord record,
      Optional<String> idempotencyKey,
      Instant now,
      String traceparent) {
    LocalDateTime created = LocalDateTime.ofInstant(record.dateCreated(), ZoneOffset.UTC);
    Uni<?> written =
        connection
            .preparedQuery("INSERT INTO sid_claim (sid) VALUES (?)")
            .execute(Tuple.of(record.sid()))
            .chain(
                () ->
                    connection
                        .preparedQuery(
                            "INSERT INTO live_record (sid, account_sid, kind, status, date_created,"
                                + " version, record, traceparent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .execute(
                            Tuple.of(
                                    record.sid(),
                                    record.accountSid(),
                                    type.column(),
                                    record.status().wireName(),
                                    created,
                                    record.version())
                                .addValue(store.json(record))
                                .addValue(traceparent)));
    return WrittenWithTheRow.keyAndEvent(
        connection, record, idempotencyKey, now, traceparent, written);
  }

  /** What a create came to. */
  public sealed interface Created {
    /** This request made the record. */
    record Made(LifecycleRecord record) implements Created {}

    /**
     * An earlier create with the same Idempotency-Key made {@code sid}; its record while it is
     * still in-flight (the retry can come after it finished and moved on).
     */
    record Repeated(String sid, Optional<LifecycleRecord> record) implements Created {}

    /** The producer's Sid names a record that exists or existed, in this account or another. */
    record SidTaken(String sid) implements Created {}
  }
}
