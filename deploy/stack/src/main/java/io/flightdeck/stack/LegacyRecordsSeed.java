package io.flightdeck.stack;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The records of an account that has lived on the legacy combined store for months: finished calls
 * and messages spread over the last {@link #SPREAD}, and a few live ones created within the last
 * half hour, each as its producer would have left it. Every record went through a legal path of its
 * kind's lifecycle ({@link #CALL_PATHS}, {@link #MESSAGE_PATHS}), and its {@code version} is the
 * length of that path (1 for a record still queued, one more for each applied change), as the
 * in-flight store counts them. Sids are minted by record-contract ({@link Sid#mint}: 128 random
 * bits), so runs never collide; the other fields come from the given generator.
 *
 * <p>Generation only: the local stack's {@code legacy seed} writes the records ({@link
 * LegacyRows}), and a benchmark can write a million of them the same way. Not thread-safe (the
 * generator is not): one instance per thread.
 */
public final class LegacyRecordsSeed {

  /** How far back the finished records go: "the last months". */
  public static final Duration SPREAD = Duration.ofDays(182);

  /** Live records were created this recently (calls and messages do not stay live for long). */
  static final Duration LIVE_WITHIN = Duration.ofMinutes(30);

  /** The share of calls among the records; the rest are messages. */
  private static final double CALL_SHARE = 0.6;

  /** The statuses each finished or live call went through, by its status now. */
  static final Map<CallStatus, List<CallStatus>> CALL_PATHS =
      Map.of(
          CallStatus.COMPLETED,
          List.of(
              CallStatus.QUEUED,
              CallStatus.INITIATED,
              CallStatus.RINGING,
              CallStatus.IN_PROGRESS,
              CallStatus.COMPLETED),
          CallStatus.BUSY,
          List.of(CallStatus.QUEUED, CallStatus.INITIATED, CallStatus.RINGING, CallStatus.BUSY),
          CallStatus.NO_ANSWER,
          List.of(
              CallStatus.QUEUED, CallStatus.INITIATED, CallStatus.RINGING, CallStatus.NO_ANSWER),
          CallStatus.FAILED,
          List.of(CallStatus.QUEUED, CallStatus.INITIATED, CallStatus.FAILED),
          CallStatus.CANCELED,
          List.of(CallStatus.QUEUED, CallStatus.CANCELED),
          CallStatus.QUEUED,
          List.of(CallStatus.QUEUED),
          CallStatus.RINGING,
          List.of(CallStatus.QUEUED, CallStatus.INITIATED, CallStatus.RINGING),
          CallStatus.IN_PROGRESS,
          List.of(
              CallStatus.QUEUED, CallStatus.INITIATED, CallStatus.RINGING, CallStatus.IN_PROGRESS));

  /** The statuses each finished or live message went through, by its status now. */
  static final Map<MessageStatus, List<MessageStatus>> MESSAGE_PATHS =
      Map.of(
          MessageStatus.DELIVERED,
          List.of(
              MessageStatus.QUEUED,
              MessageStatus.SENDING,
              MessageStatus.SENT,
              MessageStatus.DELIVERED),
          MessageStatus.UNDELIVERED,
          List.of(
              MessageStatus.QUEUED,
              MessageStatus.SENDING,
              MessageStatus.SENT,
              MessageStatus.UNDELIVERED),
          MessageStatus.FAILED,
          List.of(MessageStatus.QUEUED, MessageStatus.FAILED),
          MessageStatus.RECEIVED,
          List.of(MessageStatus.RECEIVING, MessageStatus.RECEIVED),
          MessageStatus.QUEUED,
          List.of(MessageStatus.QUEUED),
          MessageStatus.SENDING,
          List.of(MessageStatus.QUEUED, MessageStatus.SENDING),
          MessageStatus.SENT,
          List.of(MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.SENT));

  /** The statuses a finished call ends in, each as often as it is listed. */
  private static final CallStatus[] FINISHED_CALLS = {
    CallStatus.COMPLETED, CallStatus.COMPLETED, CallStatus.COMPLETED, CallStatus.COMPLETED,
    CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED,
    CallStatus.CANCELED
  };

  private static final CallStatus[] LIVE_CALLS = {
    CallStatus.QUEUED, CallStatus.RINGING, CallStatus.IN_PROGRESS
  };

  /** The statuses a finished message ends in, each as often as it is listed. */
  private static final MessageStatus[] FINISHED_MESSAGES = {
    MessageStatus.DELIVERED, MessageStatus.DELIVERED, MessageStatus.DELIVERED,
    MessageStatus.DELIVERED, MessageStatus.RECEIVED, MessageStatus.RECEIVED,
    MessageStatus.UNDELIVERED, MessageStatus.FAILED
  };

  private static final MessageStatus[] LIVE_MESSAGES = {
    MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.SENT
  };

  private static final String[] BODIES = {
    "Your verification code is %d",
    "Your order %d has shipped",
    "Reminder: appointment #%d",
    "Thanks for your reply (%d)",
    "Table for %d is ready"
  };

  private final RandomGenerator random;
  private final Instant now;

  /**
   * @param random chooses every field but the Sids
   * @param now the end of the spread: no record is dated after it
   */
  public LegacyRecordsSeed(RandomGenerator random, Instant now) {
    this.random = random;
    this.now = now.truncatedTo(ChronoUnit.MILLIS);
  }

  /** How many live records an account with {@code finished} finished records has besides. */
  public static int liveCount(int finished) {
    return Math.max(1, finished / 200);
  }

  /**
   * One account's records: {@code finished} finished ones and {@link #liveCount} live ones, calls
   * and messages mixed, oldest first: written in this order, their ids follow their creation, as in
   * a store that took each record when it was created (a migration's backfill walks them by id).
   */
  public List<LifecycleRecord> account(String accountSid, int finished) {
    String number = accountNumber(accountSid);
    int live = liveCount(finished);
    List<LifecycleRecord> records = new ArrayList<>(finished + live);
    for (int i = 0; i < finished + live; i++) {
      boolean isLive = i >= finished;
      Instant created =
          isLive
              ? now.minusMillis(60_000 + random.nextLong(LIVE_WITHIN.toMillis() - 60_000))
              : now.minusMillis(3_600_000 + random.nextLong(SPREAD.toMillis() - 3_600_000));
      records.add(
          random.nextDouble() < CALL_SHARE
              ? call(accountSid, number, created, isLive)
              : message(accountSid, number, created, isLive));
    }
    records.sort(Comparator.comparing(LifecycleRecord::dateCreated));
    return records;
  }

  private CallRecord call(String account, String number, Instant created, boolean live) {
    CallStatus status = pick(live ? LIVE_CALLS : FINISHED_CALLS);
    boolean inbound = random.nextInt(10) < 3;
    String other = phoneNumber();
    Instant answered = created.plusMillis(1_000 + random.nextLong(9_000));
    Instant start = null;
    Instant end = null;
    String duration = null;
    String price = null;
    Instant updated = created;
    switch (status) {
      case COMPLETED -> {
        long seconds = 5 + random.nextLong(900);
        start = answered;
        end = start.plusSeconds(seconds);
        duration = String.valueOf(seconds);
        // A tenth is not priced yet, as Twilio leaves a fresh call's price null.
        price = random.nextInt(10) == 0 ? null : price(0.014 * ((seconds + 59) / 60));
        updated = end.plusMillis(random.nextLong(2_000));
      }
      case BUSY, NO_ANSWER, FAILED -> {
        end = answered;
        duration = "0";
        updated = end;
      }
      case CANCELED, RINGING -> updated = answered;
      case IN_PROGRESS -> {
        start = answered;
        updated = start;
      }
      default -> updated = created;
    }
    return new CallRecord(
        Sid.mint(SidKind.CALL).value(),
        account,
        null,
        status,
        inbound ? "inbound" : "outbound-api",
        inbound ? other : number,
        inbound ? number : other,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        start,
        end,
        duration,
        price,
        "USD",
        created,
        updated,
        CALL_PATHS.get(status).size());
  }

  private MessageRecord message(String account, String number, Instant created, boolean live) {
    MessageStatus status = pick(live ? LIVE_MESSAGES : FINISHED_MESSAGES);
    boolean inbound = status == MessageStatus.RECEIVED;
    boolean sent = MESSAGE_PATHS.get(status).contains(MessageStatus.SENT) || inbound;
    int segments = 1 + random.nextInt(3);
    Instant dateSent = sent ? created.plusMillis(200 + random.nextLong(1_800)) : null;
    Instant updated =
        dateSent == null
            ? created.plusMillis(status == MessageStatus.QUEUED ? 0 : random.nextLong(1_000))
            : dateSent.plusMillis(random.nextLong(5_000));
    boolean errs = status == MessageStatus.UNDELIVERED || status == MessageStatus.FAILED;
    String other = phoneNumber();
    return new MessageRecord(
        Sid.mint(SidKind.MESSAGE).value(),
        account,
        status,
        inbound ? "inbound" : "outbound-api",
        inbound ? other : number,
        inbound ? number : other,
        BODIES[random.nextInt(BODIES.length)].formatted(1000 + random.nextInt(9000)),
        null,
        "0",
        String.valueOf(segments),
        errs ? (status == MessageStatus.FAILED ? 30008 : 30003) : null,
        errs
            ? (status == MessageStatus.FAILED ? "Unknown error" : "Unreachable destination handset")
            : null,
        sent && !live ? price(0.0079 * segments) : null,
        "USD",
        dateSent,
        created,
        updated,
        MESSAGE_PATHS.get(status).size());
  }

  private <S extends Status> S pick(S[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private String phoneNumber() {
    return "+1415555" + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
  }

  /** The account's own number: the same for all its records, derived from its Sid. */
  private static String accountNumber(String accountSid) {
    return "+1628555"
        + String.format(Locale.ROOT, "%04d", Math.floorMod(accountSid.hashCode(), 10_000));
  }

  /** What the account was charged, as Twilio shows it: negative, five decimals. */
  private static String price(double amount) {
    return String.format(Locale.ROOT, "-%.5f", amount);
  }
}
