package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.stack.AdminAccounts.Account;
import io.flightdeck.stack.StackRequests.Answer;
import io.flightdeck.stack.StackRequests.Records;
import io.flightdeck.stack.StackRequests.Service;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two accounts with the same phone numbers, statuses and dates, records of both in both stores:
 * every read endpoint of every service, with every filter and paged to the end, answers the records
 * of the account in its path and never one of the other's; a Sid of the other account answers
 * exactly as a Sid that does not exist.
 */
class AccountIsolationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static StackRequests http;
  private static Account a;
  private static Account b;
  private static Records aRecords;
  private static Records bRecords;

  /** Who reads a store's records, and with which credential. */
  private record Reader(Service service, String prefix, String authorization) {}

  @BeforeAll
  static void twoAccountsAlikeButForTheirSids() {
    LocalStack stack = SharedStack.stack();
    http = new StackRequests(stack);
    AdminAccounts admin = new AdminAccounts(stack.url(LocalStack.AGGREGATOR));
    a = admin.create();
    b = admin.create();
    aRecords = http.recordsOf(a.sid());
    bRecords = http.recordsOf(b.sid());
    // The finished records have moved once post-flight serves them and in-flight no longer does.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (Records records : List.of(aRecords, bRecords)) {
                assertMovedToPostflight(records, "Calls", records.finishedCalls());
                assertMovedToPostflight(records, "Messages", records.finishedMessages());
              }
            });
  }

  @Test
  void everyListAndFilterOfEveryServiceAnswersOnlyThePathsAccount() throws IOException {
    List<String> callFilters =
        List.of(
            "",
            "To=+14155550101",
            "From=+14155550100",
            "Status=completed",
            "Status=queued",
            "ParentCallSid=" + bRecords.liveCalls().get(0),
            "ParentCallSid=" + aRecords.liveCalls().get(0));
    List<String> messageFilters = List.of("", "To=+14155550101", "From=+14155550100");
    List<String> publicCallFilters = new ArrayList<>(callFilters);
    publicCallFilters.addAll(
        List.of(
            "StartTime>=2000-01-01",
            "StartTime<=2100-01-01",
            "EndTime>=2000-01-01",
            "EndTime<=2100-01-01"));
    List<String> publicMessageFilters = new ArrayList<>(messageFilters);
    publicMessageFilters.addAll(List.of("DateSent>=2000-01-01", "DateSent<=2100-01-01"));
    List<String> internalCallFilters = new ArrayList<>(callFilters);
    internalCallFilters.addAll(
        List.of(
            "StartTimeFrom=2000-01-01T00:00:00Z",
            "StartTimeBefore=2100-01-01T00:00:00Z",
            "EndTimeFrom=2000-01-01T00:00:00Z",
            "EndTimeBefore=2100-01-01T00:00:00Z"));
    List<String> internalMessageFilters = new ArrayList<>(messageFilters);
    internalMessageFilters.addAll(
        List.of("DateSentFrom=2000-01-01T00:00:00Z", "DateSentBefore=2100-01-01T00:00:00Z"));

    int lists = 0;
    Set<String> seen = new LinkedHashSet<>();
    for (String filter : publicCallFilters) {
      seen.addAll(publicList("Calls", filter));
      lists++;
    }
    for (String filter : publicMessageFilters) {
      seen.addAll(publicList("Messages", filter));
      lists++;
    }
    for (Reader reader : internalReaders()) {
      for (String filter : internalCallFilters) {
        seen.addAll(internalList(reader, "Calls", filter));
        lists++;
      }
      for (String filter : internalMessageFilters) {
        seen.addAll(internalList(reader, "Messages", filter));
        lists++;
      }
    }
    System.out.printf(
        "AccountIsolationIT: %d lists read, %d of A's records seen, 0 of B's%n",
        lists, seen.size());
    // Not vacuous: every record of A's was listed somewhere.
    assertThat(seen).containsAll(aRecords.all());
  }

  @Test
  void anotherAccountsSidAnswersAsASidThatDoesNotExist() {
    for (Reader reader : internalReaders()) {
      for (String kind : List.of("Calls", "Messages")) {
        for (String sid : bRecords.all()) {
          if (sid.startsWith(kind.equals("Calls") ? "CA" : "SM")) {
            Answer theirs = get(reader, a.sid(), kind, sid);
            assertThat(theirs.status()).as(reader + " " + sid + " " + theirs).isEqualTo(404);
            assertThat(theirs.body()).doesNotContain(b.sid());
          }
        }
      }
    }
    for (String sid : bRecords.all()) {
      String kind = sid.startsWith("CA") ? "Calls" : "Messages";
      Answer theirs =
          publicGetAsA("/2010-04-01/Accounts/" + a.sid() + "/" + kind + "/" + sid + ".json");
      assertThat(theirs.status()).as(sid + " " + theirs).isEqualTo(404);
      assertThat(theirs.body()).doesNotContain(b.sid());
      Answer theirPath =
          publicGetAsA("/2010-04-01/Accounts/" + b.sid() + "/" + kind + "/" + sid + ".json");
      assertThat(theirPath.status()).as(sid + " " + theirPath).isEqualTo(404);
      Answer theirList = publicGetAsA("/2010-04-01/Accounts/" + b.sid() + "/" + kind + ".json");
      assertThat(theirList.status()).as(theirList.toString()).isEqualTo(404);
      assertThat(theirList.body()).doesNotContain(sid);
    }
  }

  /** A GET of the aggregator's public API with A's credentials. */
  private static Answer publicGetAsA(String path) {
    return http.send(
        Service.AGGREGATOR, "GET", path, null, "Authorization", a.basicAuthorization());
  }

  /**
   * Every page of a public list as A, following next_page_uri; the Sids listed, after checking each
   * record is A's.
   */
  private static List<String> publicList(String kind, String filter) throws IOException {
    List<String> sids = new ArrayList<>();
    String next =
        "/2010-04-01/Accounts/"
            + a.sid()
            + "/"
            + kind
            + ".json?PageSize=2"
            + (filter.isEmpty() ? "" : "&" + encodeQuery(filter));
    while (next != null && !next.isEmpty()) {
      Answer page = publicGetAsA(next);
      assertThat(page.status()).as(next + " " + page).isEqualTo(200);
      JsonNode body = JSON.readTree(page.body());
      sids.addAll(onlyAs(body.path(kind.toLowerCase()), next));
      next = body.path("next_page_uri").isTextual() ? body.path("next_page_uri").asText() : null;
    }
    return sids;
  }

  /** Every page of an internal list of A's, following the keyset cursor of the last record. */
  private static List<String> internalList(Reader reader, String kind, String filter)
      throws IOException {
    List<String> sids = new ArrayList<>();
    String after = "";
    while (true) {
      String target =
          reader.prefix()
              + a.sid()
              + "/"
              + kind
              + "?PageSize=2"
              + (filter.isEmpty() ? "" : "&" + encodeQuery(filter))
              + after;
      Answer page =
          http.send(reader.service(), "GET", target, null, "Authorization", reader.authorization());
      assertThat(page.status()).as(reader + " " + target + " " + page).isEqualTo(200);
      JsonNode records = JSON.readTree(page.body()).path("records");
      sids.addAll(onlyAs(records, reader + " " + target));
      if (records.size() < 2) {
        return sids;
      }
      JsonNode last = records.get(records.size() - 1);
      after =
          "&AfterDateCreated="
              + encode(last.path("date_created").asText())
              + "&AfterSid="
              + last.path("sid").asText();
    }
  }

  /** The records' Sids, after asserting that every one is A's. */
  private static List<String> onlyAs(JsonNode records, String request) {
    List<String> sids = new ArrayList<>();
    for (JsonNode record : records) {
      assertThat(record.path("account_sid").asText())
          .as(request + ": " + record)
          .isEqualTo(a.sid());
      assertThat(bRecords.all()).as(request).doesNotContain(record.path("sid").asText());
      sids.add(record.path("sid").asText());
    }
    return sids;
  }

  private static List<Reader> internalReaders() {
    return List.of(
        inflightAs("Bearer " + StackRequests.PRODUCER_TOKEN),
        inflightAs("Bearer " + StackRequests.SERVICE_TOKEN),
        postflightAs("Bearer " + StackRequests.SERVICE_TOKEN));
  }

  private static Reader inflightAs(String authorization) {
    return new Reader(Service.INFLIGHT, "/internal/v1/Accounts/", authorization);
  }

  private static Reader postflightAs(String authorization) {
    return new Reader(Service.POSTFLIGHT, "/internal/v1/Accounts/", authorization);
  }

  private static Answer get(Reader reader, String account, String kind, String sid) {
    return http.send(
        reader.service(),
        "GET",
        reader.prefix() + account + "/" + kind + "/" + sid,
        null,
        "Authorization",
        reader.authorization());
  }

  /** Each of the finished records is served by post-flight and no longer by in-flight. */
  private static void assertMovedToPostflight(Records records, String kind, List<String> sids) {
    for (String sid : sids) {
      assertThat(
              get(
                      postflightAs("Bearer " + StackRequests.SERVICE_TOKEN),
                      accountOf(records),
                      kind,
                      sid)
                  .status())
          .isEqualTo(200);
      assertThat(
              get(
                      inflightAs("Bearer " + StackRequests.PRODUCER_TOKEN),
                      accountOf(records),
                      kind,
                      sid)
                  .status())
          .isEqualTo(404);
    }
  }

  private static String accountOf(Records records) {
    return records == aRecords ? a.sid() : b.sid();
  }

  /** {@code name=value&…} with each value percent-encoded. */
  private static String encodeQuery(String query) {
    int eq = query.indexOf('=');
    String name = query.substring(0, eq);
    String operator =
        name.endsWith(">") || name.endsWith("<") ? name.substring(name.length() - 1) : "";
    String bare = operator.isEmpty() ? name : name.substring(0, name.length() - 1);
    String value = query.substring(eq + 1);
    return bare + encode(operator) + "=" + encode(value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
