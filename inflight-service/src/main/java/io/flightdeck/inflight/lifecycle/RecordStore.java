package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.InflightNodes;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.Sid;
import io.flightdeck.record.sql.ListQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads of live records on the in-flight nodes, and the one way a record is stored: as JSON in the
 * {@code record} column. A record is looked for on the nodes its Sid's slot names, the current
 * owner first; an account's list is read from every node and merged. A node that a read needs and
 * cannot reach makes it a 503 naming the node: never a wrong 404, never a list with a silent hole.
 * Reads are remembered ({@link RecentRecords}), so a transition that follows needs no read of its
 * own.
 *
 * <p>Every statement is a prepared one on the node's Vert.x pool.
 */
@ApplicationScoped
public class RecordStore {
  private final ObjectMapper json;
  private final RecentRecords recent;
  private final InflightNodes nodes;
  private final Clock clock = Clock.systemUTC();

  public RecordStore(ObjectMapper json, RecentRecords recent, InflightNodes nodes) {
    this.json = json;
    this.recent = recent;
    this.nodes = nodes;
  }

  /** A live record and the node that holds it. */
  record Located<R extends LifecycleRecord>(R record, InflightNode node) {}

  /** The live record of this kind, if this account has one with this Sid. */
  public <R extends LifecycleRecord> Uni<Optional<R>> find(
      RecordType<R, ?> type, Sid account, String sid) {
    return locate(type, account, sid).map(found -> found.map(Located::record));
  }

  /**
   * The record and its node, looked for on its slot's owners in turn (newest first; a slot that
   * never changed owner has one). Empty when no owner holds it, or it is another account's or
   * kind's.
   */
  <R extends LifecycleRecord> Uni<Optional<Located<R>>> locate(
      RecordType<R, ?> type, Sid account, String sid) {
    return locateOn(nodes.owners(sid), 0, type, account, sid);
  }

  private <R extends LifecycleRecord> Uni<Optional<Located<R>>> locateOn(
      List<InflightNode> owners, int index, RecordType<R, ?> type, Sid account, String sid) {
    if (index == owners.size()) {
      recent.forget(sid);
      return Uni.createFrom().item(Optional.empty());
    }
    InflightNode node = owners.get(index);
    if (!node.serving()) {
      return Uni.createFrom().failure(node.unreachable());
    }
    return node.guard(
            node.pool()
                .preparedQuery("SELECT account_sid, kind, record FROM live_record WHERE sid = ?")
                .execute(Tuple.of(sid)))
        .flatMap(
            rows -> {
              if (rows.size() == 0) {
                return locateOn(owners, index + 1, type, account, sid);
              }
              Row row = rows.iterator().next();
              if (!row.getString("account_sid").equals(account.value())
                  || !row.getString("kind").equals(type.column())) {
                return Uni.createFrom().item(Optional.empty());
              }
              R record = read(type, sid, row.getString("record"));
              recent.remember(record);
              return Uni.createFrom().item(Optional.of(new Located<>(record, node)));
            });
  }

  /**
   * A page of an account's live records of one kind that pass {@code filter}, newest first,
   * strictly after the position: each node's own page, merged. Each node finds its page by an index
   * in list order: (account, kind, date created, sid), or the one that begins with the filter's
   * status, To, From or ParentCallSid (migration V8; the addresses and parent are virtual columns
   * read from the row's JSON, V7), so a filtered page reads its matches and not every live record
   * of the account. The service tests each record it reads again, the test that decides.
   *
   * <p>Read through the Vert.x pool with a prepared statement, not an ORM: the aggregator asks for
   * this list on every public page, and Hibernate's interpretation of the query took a fifth of the
   * service's time in the paging benchmark's profile.
   */
  <R extends LifecycleRecord> Uni<List<R>> list(LiveList<R> request) {
    RecordType<R, ?> type = request.type();
    return nodes
        .readEveryHolder(
            node ->
                FilteredScan.narrowed(
                    (from, size) -> page(node, request, from, size),
                    row -> read(type, row.getString("sid"), row.getString("record")),
                    request))
        .map(request::merged);
  }

  private Uni<RowSet<Row>> page(
      InflightNode node, LiveList<?> list, Optional<ListPosition> after, int limit) {
    ListQuery query =
        pageQuery(list.account().value(), list.type(), list.filter().conditions(), after, limit);
    return node.pool().preparedQuery(pageStatement(query)).execute(Tuple.from(query.parameters()));
  }

  /** The conditions of a node's batch of a live list: the account, the kind, the filter's. */
  static ListQuery pageQuery(
      String account,
      RecordType<?, ?> type,
      UnaryOperator<ListQuery> filter,
      Optional<ListPosition> after,
      int limit) {
    return filter
        .apply(ListQuery.ofAccount(account).equal("kind", Optional.of(type.column())))
        .after(after)
        .limit(limit);
  }

  /** The statement of a node's batch of a live list; the query's parameters go with it. */
  static String pageStatement(ListQuery query) {
    return "SELECT sid, record FROM live_record" + query.whereAndOrder();
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

  <R extends LifecycleRecord> R read(RecordType<R, ?> type, String sid, String record) {
    try {
      return json.readValue(record, type.recordClass());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored record " + sid + " is unreadable", e);
    }
  }
}
