package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.stack.InflightCalls.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches calls while they move from in-flight to post-flight. One thread lists the account's live
 * calls in inflight-service's own API again and again: a completed call that one listing has and a
 * later one lacks is a witnessed {@link Move}, bounded in time by the two listings. Another thread,
 * a client of the public API, keeps fetching every completed call that is about to move or has just
 * moved: every answer must be 200 with the call completed; a 404 at any moment of a move, or a
 * status going back, is kept as a failure.
 */
final class MoveWatch implements AutoCloseable {
  /**
   * In-flight had the call after {@code lastSeenAt} and no longer had it by {@code goneBy} ({@link
   * System#nanoTime()}).
   */
  record Move(String sid, long lastSeenAt, long goneBy) {}

  private static final int LIST_PAGE = 1000;
  private static final Duration PAUSE = Duration.ofMillis(20);

  private final MovingCalls load;
  private final PublicCalls publicApi;
  private final InflightCalls inflight;
  private final String account;

  /**
   * Completed calls to fetch publicly, with how many more fetches each gets once it has left
   * in-flight (null: still there).
   */
  private final Map<String, Integer> fetching = new ConcurrentHashMap<>();

  private final Queue<Move> moves = new ConcurrentLinkedQueue<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger publicGets = new AtomicInteger();

  /**
   * Completed calls not yet gone from in-flight, and when a listing last had them (null: none yet).
   */
  private final Map<String, Long> lastSeen = new HashMap<>();

  private final Rounds watchers = new Rounds();

  MoveWatch(MovingCalls load, PublicCalls publicApi, InflightCalls inflight, String account) {
    this.load = load;
    this.publicApi = publicApi;
    this.inflight = inflight;
    this.account = account;
  }

  MoveWatch start() {
    watchers
        .start("move-watch-inflight", this::listInflight)
        .start("move-watch-public", this::fetchPublicly);
    return this;
  }

  List<Move> moves() {
    return List.copyOf(moves);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  int publicGets() {
    return publicGets.get();
  }

  /** One listing of in-flight: completed calls it lacks have moved. */
  private void listInflight() {
    for (String sid = load.nextCompleted().orElse(null);
        sid != null;
        sid = load.nextCompleted().orElse(null)) {
      lastSeen.put(sid, null);
      fetching.put(sid, -1);
    }
    long askedAt = System.nanoTime();
    Optional<Set<String>> live = liveSids();
    long answeredAt = System.nanoTime();
    for (var it = lastSeen.entrySet().iterator(); live.isPresent() && it.hasNext(); ) {
      var call = it.next();
      if (live.get().contains(call.getKey())) {
        call.setValue(askedAt);
      } else {
        if (call.getValue() != null) {
          moves.add(new Move(call.getKey(), call.getValue(), answeredAt));
        }
        fetching.put(call.getKey(), 2); // fetched twice more after it left in-flight, then let go
        it.remove();
      }
    }
    Rounds.pause(PAUSE);
  }

  /**
   * The Sids in-flight has for the account at one moment (each page one consistent read), or empty
   * after a failure.
   */
  private Optional<Set<String>> liveSids() {
    Set<String> sids = new HashSet<>();
    String after = "";
    while (true) {
      Reply page = inflight.list(account, LIST_PAGE, after);
      if (page.code() != 200) {
        failures.add("in-flight list: " + page);
        return Optional.empty();
      }
      JsonNode records = page.record().path("records");
      records.forEach(call -> sids.add(call.path("sid").asText()));
      if (records.size() < LIST_PAGE) {
        return Optional.of(sids);
      }
      JsonNode last = records.get(records.size() - 1);
      after =
          "AfterDateCreated="
              + last.path("date_created").asText()
              + "&AfterSid="
              + last.path("sid").asText();
    }
  }

  /** One public fetch of every call that is moving or has just moved. */
  private void fetchPublicly() {
    if (fetching.isEmpty()) {
      Rounds.pause(PAUSE);
    }
    for (String sid : List.copyOf(fetching.keySet())) {
      Reply reply = publicApi.get(sid);
      publicGets.incrementAndGet();
      if (reply.code() != 200
          || !"completed".equals(reply.status())
          || !sid.equals(reply.record().path("sid").asText())) {
        failures.add("public get " + sid + " of a completed call: " + reply);
      }
      fetching.computeIfPresent(sid, (s, left) -> left < 0 ? left : left == 1 ? null : left - 1);
    }
  }

  @Override
  public void close() throws InterruptedException {
    watchers.close();
  }
}
