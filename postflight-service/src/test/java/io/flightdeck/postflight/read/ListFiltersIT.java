package io.flightdeck.postflight.read;

import static io.flightdeck.postflight.TestCallers.service;
import static io.flightdeck.postflight.TestRecords.call;
import static io.flightdeck.postflight.TestRecords.message;
import static io.flightdeck.postflight.TestRecords.withTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every list filter of the internal read API, alone and combined, through the keyset cursor: each
 * answer is checked against the same filter applied to the records in memory.
 */
@QuarkusTest
@WithRealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListFiltersIT {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final String ALICE = "+14155550001";
  private static final String BOB = "+14155550002";
  private static final String CAROL = "+14155550003";

  private final String account = TestRecords.newAccount();
  private final String parent = Sid.mint(SidKind.CALL).value();
  private final List<CallRecord> calls = new ArrayList<>();
  private final List<MessageRecord> messages = new ArrayList<>();

  /**
   * 24 calls and 24 messages an hour apart, across addresses, statuses, parents and times; some
   * without times. Stored before the first test (in a @BeforeEach: the HTTP port is known by then).
   */
  @BeforeEach
  void storeTheRecordsOnce() {
    if (!calls.isEmpty()) {
      return;
    }
    List<String> numbers = List.of(ALICE, BOB, CAROL);
    List<CallStatus> statuses =
        List.of(CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED);
    for (int i = 0; i < 24; i++) {
      Instant created = T0.plus(Duration.ofHours(i));
      CallRecord call =
          call(
              account,
              Sid.mint(SidKind.CALL).value(),
              statuses.get(i % 4),
              numbers.get(i % 3),
              numbers.get((i + 1) % 3),
              i % 5 == 0 ? parent : null,
              null,
              created,
              3);
      calls.add(
          i % 6 == 5 ? call : withTimes(call, created.plusSeconds(10), created.plusSeconds(70)));
      messages.add(
          message(
              account,
              numbers.get(i % 3),
              numbers.get((i + 2) % 3),
              "m" + i,
              i % 7 == 6 ? null : created.plusSeconds(3),
              created,
              2));
    }
    // Two records with the same date_created: the Sid breaks the tie in the order and in the
    // cursor.
    CallRecord twin = calls.get(10);
    calls.add(
        call(
            account,
            Sid.mint(SidKind.CALL).value(),
            twin.status(),
            twin.from(),
            twin.to(),
            null,
            null,
            twin.dateCreated(),
            3));
    List<LifecycleRecord> all = new ArrayList<>(calls);
    all.addAll(messages);
    TestTopics.ofTestServers().publishCompleted("records.completed", all);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(pageThrough("Calls", Map.of(), 1000)).hasSize(calls.size());
              assertThat(pageThrough("Messages", Map.of(), 1000)).hasSize(messages.size());
            });
  }

  @Test
  void eachCallFilterAloneSelectsExactlyTheMatchingCallsNewestFirstAcrossPages() {
    expectCalls(Map.of("To", BOB), c -> BOB.equals(c.to()));
    expectCalls(Map.of("From", CAROL), c -> CAROL.equals(c.from()));
    expectCalls(Map.of("ParentCallSid", parent), c -> parent.equals(c.parentCallSid()));
    expectCalls(Map.of("Status", "busy"), c -> c.status() == CallStatus.BUSY);
    Instant from = T0.plus(Duration.ofHours(4)).plusSeconds(10);
    Instant before = T0.plus(Duration.ofHours(15));
    expectCalls(
        Map.of("StartTimeFrom", from.toString()),
        c -> c.startTime() != null && !c.startTime().isBefore(from));
    expectCalls(
        Map.of("StartTimeBefore", before.toString()),
        c -> c.startTime() != null && c.startTime().isBefore(before));
    expectCalls(
        Map.of("EndTimeFrom", from.toString()),
        c -> c.endTime() != null && !c.endTime().isBefore(from));
    expectCalls(
        Map.of("EndTimeBefore", before.toString()),
        c -> c.endTime() != null && c.endTime().isBefore(before));
  }

  @Test
  void callFiltersCombineAsAnd() {
    Instant from = T0.plus(Duration.ofHours(2));
    Instant before = T0.plus(Duration.ofHours(20));
    expectCalls(
        Map.of("To", BOB, "Status", "completed"),
        c -> BOB.equals(c.to()) && c.status() == CallStatus.COMPLETED);
    expectCalls(
        Map.of(
            "From", ALICE, "StartTimeFrom", from.toString(), "StartTimeBefore", before.toString()),
        c ->
            ALICE.equals(c.from())
                && c.startTime() != null
                && !c.startTime().isBefore(from)
                && c.startTime().isBefore(before));
    expectCalls(
        Map.of("ParentCallSid", parent, "EndTimeBefore", before.toString()),
        c ->
            parent.equals(c.parentCallSid())
                && c.endTime() != null
                && c.endTime().isBefore(before));
  }

  @Test
  void eachMessageFilterAloneAndCombinedSelectsExactlyTheMatchingMessages() {
    Instant from = T0.plus(Duration.ofHours(5));
    Instant before = T0.plus(Duration.ofHours(18));
    expectMessages(Map.of("To", ALICE), m -> ALICE.equals(m.to()));
    expectMessages(Map.of("From", BOB), m -> BOB.equals(m.from()));
    expectMessages(
        Map.of("DateSentFrom", from.toString()),
        m -> m.dateSent() != null && !m.dateSent().isBefore(from));
    expectMessages(
        Map.of("DateSentBefore", before.toString()),
        m -> m.dateSent() != null && m.dateSent().isBefore(before));
    expectMessages(
        Map.of("From", BOB, "To", ALICE), m -> BOB.equals(m.from()) && ALICE.equals(m.to()));
    expectMessages(
        Map.of("To", ALICE, "DateSentFrom", from.toString(), "DateSentBefore", before.toString()),
        m ->
            ALICE.equals(m.to())
                && m.dateSent() != null
                && !m.dateSent().isBefore(from)
                && m.dateSent().isBefore(before));
  }

  @Test
  void anUnfilteredListPagesThroughEveryRecordOnceWithTiesBrokenBySid() {
    expectCalls(Map.of(), c -> true);
    expectMessages(Map.of(), m -> true);
  }

  @Test
  void badInputIsA400NamingTheField() {
    String calls = "/internal/v1/Accounts/" + account + "/Calls";
    badRequest(calls + "?Status=ringing-ish", "Status");
    badRequest(calls + "?ParentCallSid=CA123", "ParentCallSid");
    badRequest(calls + "?StartTimeFrom=yesterday", "StartTimeFrom");
    badRequest(calls + "?EndTimeBefore=2026-13-01", "EndTimeBefore");
    badRequest(calls + "?PageSize=0", "PageSize");
    badRequest(calls + "?PageSize=1002", "PageSize");
    badRequest(calls + "?PageSize=many", "PageSize");
    badRequest(calls + "?AfterSid=" + parent, "AfterDateCreated");
    badRequest(
        calls
            + "?AfterDateCreated=2026-01-01T00:00:00Z&AfterSid=SM00000000000000000000000000000000",
        "AfterSid");
    badRequest(
        "/internal/v1/Accounts/" + account + "/Messages?DateSentFrom=2026-01-01", "DateSentFrom");
    badRequest("/internal/v1/Accounts/AC123/Messages", "AccountSid");
    badRequest(
        "/internal/v1/Accounts/" + account + "/Messages/CA00000000000000000000000000000000", "Sid");
  }

  @Test
  void upperCaseHexInAnySidIsA400NamingItNeverAnotherSpellingOfAStoredSid() {
    String call = calls.get(0).sid();
    String message = messages.get(0).sid();
    badRequest("/internal/v1/Accounts/" + account + "/Calls/" + shouted(call), "lower-case hex");
    badRequest(
        "/internal/v1/Accounts/" + account + "/Messages/" + shouted(message), "lower-case hex");
    badRequest("/internal/v1/Accounts/" + shouted(account) + "/Calls", "AccountSid");
    badRequest(
        "/internal/v1/Accounts/" + account + "/Calls?ParentCallSid=" + shouted(parent),
        "ParentCallSid");
  }

  /**
   * The same Sid with its hex in upper case (a minted Sid has letters among its 32 digits but once
   * in 3 million).
   */
  private static String shouted(String sid) {
    return sid.substring(0, 2) + sid.substring(2).toUpperCase();
  }

  @Test
  void anUnknownSidOrAnotherAccountsSidIsA404() {
    String other = TestRecords.newAccount();
    service()
        .get("/internal/v1/Accounts/" + account + "/Calls/" + Sid.mint(SidKind.CALL))
        .then()
        .statusCode(404)
        .body("status", equalTo(404))
        .body("code", equalTo(20404));
    service()
        .get("/internal/v1/Accounts/" + other + "/Calls/" + calls.get(0).sid())
        .then()
        .statusCode(404);
    service()
        .get("/internal/v1/Accounts/" + other + "/Messages/" + messages.get(0).sid())
        .then()
        .statusCode(404);
    service()
        .get("/internal/v1/Accounts/" + account + "/Messages/" + messages.get(0).sid())
        .then()
        .statusCode(200)
        .body("body", equalTo("m0"));
  }

  private void expectCalls(Map<String, String> filter, Predicate<CallRecord> matches) {
    List<String> expected =
        calls.stream().filter(matches).sorted(NEWEST_FIRST).map(CallRecord::sid).toList();
    assertThat(expected).as("the data exercises %s", filter).isNotEmpty();
    assertThat(pageThrough("Calls", filter, 4))
        .as("calls with %s", filter)
        .containsExactlyElementsOf(expected);
  }

  private void expectMessages(Map<String, String> filter, Predicate<MessageRecord> matches) {
    List<String> expected =
        messages.stream().filter(matches).sorted(NEWEST_FIRST).map(MessageRecord::sid).toList();
    assertThat(expected).as("the data exercises %s", filter).isNotEmpty();
    assertThat(pageThrough("Messages", filter, 4))
        .as("messages with %s", filter)
        .containsExactlyElementsOf(expected);
  }

  private static final Comparator<LifecycleRecord> NEWEST_FIRST =
      Comparator.comparing(LifecycleRecord::dateCreated)
          .thenComparing(LifecycleRecord::sid)
          .reversed();

  /** Every Sid the list answers, page by page with the keyset cursor of each page's last record. */
  private List<String> pageThrough(String resource, Map<String, String> filter, int pageSize) {
    List<String> sids = new ArrayList<>();
    String afterDate = null;
    String afterSid = null;
    for (int page = 0; page < 100; page++) {
      var request = service().queryParams(filter).queryParam("PageSize", pageSize);
      if (afterSid != null) {
        request =
            request.queryParam("AfterDateCreated", afterDate).queryParam("AfterSid", afterSid);
      }
      var body =
          request
              .get("/internal/v1/Accounts/" + account + "/" + resource)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<String> pageSids = body.getList("records.sid");
      sids.addAll(pageSids);
      if (pageSids.size() < pageSize) {
        return sids;
      }
      afterSid = pageSids.get(pageSids.size() - 1);
      afterDate = body.getString("records[" + (pageSids.size() - 1) + "].date_created");
    }
    throw new AssertionError("more than 100 pages");
  }

  private static void badRequest(String path, String field) {
    service()
        .get(path)
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("message", containsStringIgnoringCase(field));
  }
}
