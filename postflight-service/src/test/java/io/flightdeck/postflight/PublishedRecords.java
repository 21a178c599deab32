package io.flightdeck.postflight;

import static io.flightdeck.postflight.TestCallers.service;

import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completed records a test publishes while an operation runs (a split, a pivot, a schema change),
 * remembered by account, and a client's pass over an account's list that says what went wrong: the
 * load and the check of the tests that lose nothing under load.
 */
public final class PublishedRecords {
  private final TestTopics topics = TestTopics.ofTestServers();
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final AtomicInteger sequence = new AtomicInteger();
  private final Map<String, Set<String>> published = new ConcurrentHashMap<>();

  /** {@code pairs} calls and as many messages of each account, completed, in one send. */
  public void publish(List<String> accounts, int pairs) {
    List<LifecycleRecord> records = new ArrayList<>();
    for (String account : accounts) {
      for (int i = 0; i < pairs; i++) {
        // Distinct creation times, so every page boundary falls between two records.
        Instant created = start.plusMillis(sequence.incrementAndGet());
        records.add(TestRecords.call(account, CallStatus.COMPLETED, created, 2));
        records.add(
            TestRecords.message(
                account, "+14155550100", "+14155550101", "hi", created, created, 2));
      }
    }
    topics.publishCompleted("records.completed", records);
    records.forEach(
        r ->
            published
                .computeIfAbsent(r.accountSid(), a -> ConcurrentHashMap.newKeySet())
                .add(r.sid()));
  }

  /** The Sids published of an account so far. */
  public Set<String> of(String account) {
    return published.get(account);
  }

  /** The Sids published so far, by account, as they are now (the load goes on adding). */
  public Map<String, Set<String>> snapshot() {
    Map<String, Set<String>> copy = new HashMap<>();
    published.forEach((a, sids) -> copy.put(a, Set.copyOf(sids)));
    return copy;
  }

  /**
   * One pass over an account's calls or messages, two a page: what went wrong (an answer other than
   * 200, a record listed twice, a record published before the pass began missing).
   */
  public static List<String> pass(String account, String resource, Set<String> storedBefore) {
    List<String> problems = new ArrayList<>();
    List<String> listed = new ArrayList<>();
    String afterDate = null;
    String afterSid = null;
    for (int page = 0; page < 1_000; page++) {
      var request = service().queryParam("PageSize", 2);
      if (afterSid != null) {
        request =
            request.queryParam("AfterDateCreated", afterDate).queryParam("AfterSid", afterSid);
      }
      var answer = request.get("/internal/v1/Accounts/" + account + "/" + resource);
      if (answer.statusCode() != 200) {
        problems.add(account + ": " + answer.statusCode() + " " + answer.asString());
        return problems;
      }
      List<String> sids = answer.jsonPath().getList("records.sid");
      listed.addAll(sids);
      if (sids.size() < 2) {
        break;
      }
      afterSid = sids.get(sids.size() - 1);
      afterDate = answer.jsonPath().getString("records[" + (sids.size() - 1) + "].date_created");
    }
    Set<String> once = Set.copyOf(listed);
    if (once.size() != listed.size()) {
      problems.add(account + ": a record listed twice in one pass");
    }
    String prefix = resource.equals("Calls") ? "CA" : "SM";
    storedBefore.stream()
        .filter(sid -> sid.startsWith(prefix) && !once.contains(sid))
        .forEach(sid -> problems.add(account + ": " + sid + " missing from a pass"));
    return problems;
  }
}
