package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.stack.AdminAccounts.Account;
import io.flightdeck.stack.InflightCalls.Reply;
import io.flightdeck.stack.MovingCalls.Created;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN.md's "No amnesia" against the running platform: while producers keep creating calls of one
 * account and completing them at every place of its list (so calls leave in-flight for post-flight
 * while a client pages over them), a client pages through the account's public list from the first
 * page to the last, following {@code next_page_uri}, again and again; and another client keeps
 * fetching the calls that are moving. The scenario runs once, in the set-up; each test checks one
 * promise on what the clients saw.
 *
 * <p>"Existed throughout a pass" is decided from the producers' side: the call's create had been
 * answered 201 before the pass asked for its first page. Nothing here asserts a timing; the load
 * runs until the passes have met enough moving calls.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PagingWhileRecordsMoveIT {
  private static final int PAGE_SIZE = 5;

  /**
   * Calls completed before the passes begin (post-flight has some from the start), and the pool of
   * live ones.
   */
  private static final int SEED_FINISHED = 20;

  private static final int SEED_LIVE = 100;
  private static final int PRODUCERS = 2;
  private static final Duration PRODUCER_PAUSE = Duration.ofMillis(40);
  private static final int MIN_PASSES = 3;
  private static final int MAX_PASSES = 12;

  /**
   * Moves that passes must have met (the call existed throughout the pass and left in-flight during
   * it) before the load stops.
   */
  private static final int MIN_MOVES_MET = 20;

  /** The list order of DESIGN.md: date created descending, then Sid descending. */
  private static final Comparator<Created> LIST_ORDER =
      Comparator.comparing(Created::dateCreated).thenComparing(Created::sid).reversed();

  private static LocalStack stack;
  private static Account account;
  private static List<Pass> passes = List.of();
  private static Map<String, Created> created = Map.of();
  private static List<MoveWatch.Move> moves = List.of();
  private static List<String> watchFailures = List.of();
  private static List<String> producerFailures = List.of();

  /**
   * One pass of the paging client: what it saw, in order, and when it began and ended ({@link
   * System#nanoTime()}).
   */
  record Pass(int number, long startedAt, long endedAt, List<Seen> seen, List<String> problems) {}

  /** A call as a list page showed it. */
  record Seen(String sid, String accountSid, String status) {}

  @BeforeAll
  @Timeout(value = 170, unit = TimeUnit.SECONDS)
  static void pageWhileCallsMove() throws InterruptedException {
    stack = SharedStack.stack();
    String aggregator = stack.url(LocalStack.AGGREGATOR);
    account = new AdminAccounts(aggregator).create();
    InflightCalls inflight = new InflightCalls(stack.url(LocalStack.INFLIGHT));
    PublicCalls client = new PublicCalls(aggregator, account);

    List<Pass> done = new ArrayList<>();
    long began = System.nanoTime();
    try (MovingCalls load = new MovingCalls(inflight, account.sid(), PRODUCER_PAUSE);
        MoveWatch watch =
            new MoveWatch(load, new PublicCalls(aggregator, account), inflight, account.sid())) {
      watch.start();
      load.seed(SEED_FINISHED, SEED_LIVE);
      System.out.printf(
          "seeded %d calls in %.1f s%n", load.created().size(), (System.nanoTime() - began) / 1e9);
      load.start(PRODUCERS);
      while (done.size() < MAX_PASSES
          && (done.size() < MIN_PASSES
              || movesMet(done, load.created(), watch.moves()) < MIN_MOVES_MET)) {
        Pass pass = pass(done.size() + 1, client);
        done.add(pass);
        System.out.printf(
            "pass %d: %d calls in %.1f s, %d moves met so far%n",
            pass.number(),
            pass.seen().size(),
            (pass.endedAt() - pass.startedAt()) / 1e9,
            movesMet(done, load.created(), watch.moves()));
      }
      load.close();
      watch.close();
      passes = List.copyOf(done);
      created = load.created();
      moves = watch.moves();
      watchFailures = watch.failures();
      producerFailures = load.failures();
      System.out.printf(
          "%d calls created, %d passes of PageSize %d (%s records), %d moves witnessed, %d of them met by a pass,"
              + " %d public gets of moving calls; %.1f s after the seed began%n",
          created.size(),
          passes.size(),
          PAGE_SIZE,
          passes.stream().map(p -> String.valueOf(p.seen().size())).toList(),
          moves.size(),
          movesMet(passes, created, moves),
          watch.publicGets(),
          (System.nanoTime() - began) / 1e9);
    }
  }

  /**
   * From the first page to the last, by {@code next_page_uri}; a page that is not a 200 ends the
   * pass as a problem.
   */
  private static Pass pass(int number, PublicCalls client) {
    List<Seen> seen = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long startedAt = System.nanoTime();
    String next = client.firstPage(PAGE_SIZE);
    for (int page = 0; next != null; page++) {
      Reply reply = client.page(next);
      if (reply.code() != 200) {
        problems.add("page " + page + " (" + next + "): " + reply);
        break;
      }
      JsonNode body = reply.record();
      if (body.path("page").asInt(-1) != page || body.path("page_size").asInt() != PAGE_SIZE) {
        problems.add(
            "page "
                + page
                + " answered page "
                + body.path("page")
                + ", page_size "
                + body.path("page_size"));
      }
      body.path("calls")
          .forEach(
              call ->
                  seen.add(
                      new Seen(
                          call.path("sid").asText(),
                          call.path("account_sid").asText(),
                          call.path("status").asText())));
      next = body.path("next_page_uri").isNull() ? null : body.path("next_page_uri").asText();
    }
    return new Pass(number, startedAt, System.nanoTime(), List.copyOf(seen), List.copyOf(problems));
  }

  /**
   * Moves that a pass met: the call existed throughout the pass and left in-flight while it ran.
   */
  private static long movesMet(
      List<Pass> passes, Map<String, Created> created, List<MoveWatch.Move> moves) {
    return passes.stream().mapToLong(pass -> movesDuring(pass, created, moves).size()).sum();
  }

  private static List<MoveWatch.Move> movesDuring(
      Pass pass, Map<String, Created> created, List<MoveWatch.Move> moves) {
    return moves.stream()
        .filter(m -> m.lastSeenAt() >= pass.startedAt() && m.goneBy() <= pass.endedAt())
        .filter(m -> existedThroughout(created.get(m.sid()), pass))
        .toList();
  }

  private static boolean existedThroughout(Created call, Pass pass) {
    return call != null && call.answeredAt() < pass.startedAt();
  }

  @Test
  void everyPassReachesTheLastPageWithoutAnError() {
    assertThat(passes).hasSizeGreaterThanOrEqualTo(MIN_PASSES);
    assertThat(passes)
        .allSatisfy(pass -> assertThat(pass.problems()).as("pass %d", pass.number()).isEmpty());
  }

  @Test
  void everyPassSeesEveryCallThatExistedThroughoutIt() {
    for (Pass pass : passes) {
      Set<String> seen = new HashSet<>(pass.seen().stream().map(Seen::sid).toList());
      List<String> missing =
          created.values().stream()
              .filter(call -> existedThroughout(call, pass))
              .map(Created::sid)
              .filter(sid -> !seen.contains(sid))
              .toList();
      assertThat(missing)
          .as("calls that existed throughout pass %d and that it did not see", pass.number())
          .isEmpty();
    }
  }

  @Test
  void noPassSeesACallTwice() {
    for (Pass pass : passes) {
      Set<String> once = new HashSet<>();
      List<String> twice =
          pass.seen().stream().map(Seen::sid).filter(sid -> !once.add(sid)).toList();
      assertThat(twice).as("calls pass %d saw more than once", pass.number()).isEmpty();
    }
  }

  @Test
  void everyPassListsTheAccountsOwnCallsNewestFirstBySidOnTies() {
    for (Pass pass : passes) {
      assertThat(pass.seen())
          .as("pass %d", pass.number())
          .allSatisfy(
              seen -> {
                assertThat(seen.accountSid()).isEqualTo(account.sid());
                assertThat(created).as("calls the producers created").containsKey(seen.sid());
              });
      // The public date_created has whole seconds; the order's key is the exact one the create
      // answered.
      List<Created> inOrder = pass.seen().stream().map(seen -> created.get(seen.sid())).toList();
      assertThat(inOrder)
          .as("pass %d in (date created, Sid) descending order", pass.number())
          .isSortedAccordingTo(LIST_ORDER);
    }
  }

  @Test
  void aMovingCallAnswersEveryFetchWithoutA404() {
    assertThat(watchFailures).isEmpty();
    assertThat(moves).as("calls watched from in-flight until they were gone from it").isNotEmpty();
  }

  @Test
  void callsReallyLeftInFlightWhileTheClientPagedOverThem() {
    assertThat(movesMet(passes, created, moves))
        .as("calls that existed throughout a pass and left in-flight while it ran")
        .isGreaterThanOrEqualTo(MIN_MOVES_MET);
    // The same, as the paging client saw it: a call listed live in one pass is listed completed in
    // a later one.
    Set<String> listedLive = new HashSet<>();
    long laterCompleted = 0;
    for (Pass pass : passes) {
      laterCompleted +=
          pass.seen().stream()
              .filter(s -> s.status().equals("completed") && listedLive.contains(s.sid()))
              .count();
      pass.seen().stream()
          .filter(s -> s.status().equals("in-progress"))
          .forEach(s -> listedLive.add(s.sid()));
    }
    assertThat(laterCompleted)
        .as("calls listed in progress, then completed in a later pass")
        .isPositive();
    assertThat(producerFailures).as("producers' refused requests").isEmpty();
  }
}
