package io.flightdeck.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.stack.AdminAccounts.Account;
import io.flightdeck.stack.StackRequests.Credential;
import io.flightdeck.stack.StackRequests.Records;
import io.flightdeck.stack.StackRequests.Service;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The requests {@link GeneratedRequestsIT} sends, as jqwik arbitraries: an endpoint of one of the
 * services (now and then with another method, or a path no service has), a credential, path
 * segments (the accounts' own Sids and records, each other's, well-formed strangers, malformed
 * strings), query parameters and a body whose values run from valid to absurd.
 */
final class GeneratedRequests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> QUERY_NAMES =
      List.of(
          "PageSize",
          "PageToken",
          "Page",
          "To",
          "From",
          "Status",
          "ParentCallSid",
          "StartTime",
          "StartTime>",
          "StartTime<",
          "EndTime",
          "EndTime>",
          "EndTime<",
          "DateSent",
          "DateSent>",
          "DateSent<",
          "AfterDateCreated",
          "AfterSid",
          "Foo");
  private static final List<String> BODY_FIELDS =
      List.of(
          "sid",
          "from",
          "to",
          "status",
          "at",
          "direction",
          "parent_call_sid",
          "body",
          "price",
          "price_unit",
          "duration",
          "error_message",
          "error_code",
          "start_time",
          "end_time",
          "date_sent",
          "num_segments",
          "num_media",
          "phone_number_sid",
          "caller_name",
          "answered_by",
          "forwarded_from",
          "queue_time",
          "messaging_service_sid",
          "version",
          "ranges",
          "overrides",
          "based_on_version",
          "account_sid",
          "date_created");
  private static final List<String> STATUSES =
      List.of(
          "queued",
          "initiated",
          "ringing",
          "in-progress",
          "completed",
          "busy",
          "failed",
          "no-answer",
          "canceled",
          "accepted",
          "sending",
          "sent",
          "delivered",
          "undelivered",
          "received",
          "read",
          "COMPLETED",
          "done",
          "");

  /**
   * The endpoints, each with the method it answers and the credential that may write through it.
   */
  enum Endpoint {
    PUBLIC_LIST(Service.AGGREGATOR, "GET", "/2010-04-01/Accounts/{account}/{kind}.json", null),
    PUBLIC_GET(Service.AGGREGATOR, "GET", "/2010-04-01/Accounts/{account}/{kind}/{sid}.json", null),
    ACCOUNT_CREATE(Service.AGGREGATOR, "POST", "/admin/v1/Accounts", Credential.OPERATOR),
    ACCOUNT_TOKEN_ROTATION(
        Service.AGGREGATOR, "POST", "/admin/v1/Accounts/{account}/AuthToken", Credential.OPERATOR),
    SHADOW_MISMATCHES(Service.AGGREGATOR, "GET", "/admin/v1/ShadowMismatches", null),
    SHADOW_MISMATCHES_CLEARED(
        Service.AGGREGATOR, "DELETE", "/admin/v1/ShadowMismatches", Credential.OPERATOR),
    INFLIGHT_CREATE(
        Service.INFLIGHT, "POST", "/internal/v1/Accounts/{account}/{kind}", Credential.PRODUCER),
    INFLIGHT_LIST(Service.INFLIGHT, "GET", "/internal/v1/Accounts/{account}/{kind}", null),
    INFLIGHT_GET(Service.INFLIGHT, "GET", "/internal/v1/Accounts/{account}/{kind}/{sid}", null),
    INFLIGHT_TRANSITION(
        Service.INFLIGHT,
        "POST",
        "/internal/v1/Accounts/{account}/{kind}/{sid}/Transitions",
        Credential.PRODUCER),
    LIVE_RECORDS_OLDEST(Service.INFLIGHT, "GET", "/internal/v1/LiveRecords/Oldest", null),
    POSTFLIGHT_LIST(Service.POSTFLIGHT, "GET", "/internal/v1/Accounts/{account}/{kind}", null),
    POSTFLIGHT_GET(Service.POSTFLIGHT, "GET", "/internal/v1/Accounts/{account}/{kind}/{sid}", null),
    SHARD_MAP(Service.POSTFLIGHT, "GET", "/admin/v1/ShardMaps/{map}", null),
    SHARD_MAP_CHANGE(Service.POSTFLIGHT, "PUT", "/admin/v1/ShardMaps/{map}", Credential.OPERATOR),
    SHARD_MAP_VERSIONS(Service.POSTFLIGHT, "GET", "/admin/v1/ShardMaps/{map}/Versions", null),
    SHARD_MAP_VERSION(
        Service.POSTFLIGHT, "GET", "/admin/v1/ShardMaps/{map}/Versions/{version}", null),
    SHARDS(Service.POSTFLIGHT, "GET", "/admin/v1/Shards", null),
    ACCOUNT_ROUTE(Service.POSTFLIGHT, "GET", "/admin/v1/Accounts/{account}/Route", null),
    PARTITIONS(Service.POSTFLIGHT, "GET", "/admin/v1/Partitions", null),
    /**
     * A retirement's status; its id is junk (a retirement itself is never started here: it would
     * drop the shared stack's months).
     */
    PARTITION_RETIREMENT(Service.POSTFLIGHT, "GET", "/admin/v1/PartitionRetirements/{junk}", null),
    /** A path no service has, on any of them. */
    UNKNOWN_PATH(null, "GET", "/{junk}", null);

    final Service service;
    final String method;
    final String template;
    final Credential writer;

    Endpoint(Service service, String method, String template, Credential writer) {
      this.service = service;
      this.method = method;
      this.template = template;
      this.writer = writer;
    }
  }

  /** Where a request goes: the endpoint, its service and the method actually sent. */
  record Target(Endpoint endpoint, Service service, String method) {}

  /** The values of the path's placeholders. */
  record Segments(
      String account, String kind, String sid, String map, String version, String junk) {}

  /** Headers other than the credential. */
  record Headers(String contentType, String idempotencyKey) {}

  /** One generated request. */
  record Request(
      Target target,
      Credential credential,
      String authorization,
      Segments segments,
      List<Map.Entry<String, String>> query,
      String body,
      Headers headers) {
    Endpoint endpoint() {
      return target.endpoint();
    }

    Service service() {
      return target.service();
    }

    String method() {
      return target.method();
    }

    String account() {
      return segments.account();
    }

    String contentType() {
      return headers.contentType();
    }

    String idempotencyKey() {
      return headers.idempotencyKey();
    }

    /** True when this request would change something if it were accepted. */
    boolean writes() {
      return !"GET".equals(method());
    }

    /**
     * The credential that may write through this request: none when the method is not the
     * endpoint's own.
     */
    Credential writer() {
      return method().equals(endpoint().method) ? endpoint().writer : null;
    }

    String pathAndQuery() {
      String path =
          endpoint()
              .template
              .replace("{account}", encode(segments.account()))
              .replace("{kind}", encode(segments.kind()))
              .replace("{sid}", encode(segments.sid()))
              .replace("{map}", encode(segments.map()))
              .replace("{version}", encode(segments.version()))
              .replace("{junk}", encode(segments.junk()));
      List<String> pairs =
          query.stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue())).toList();
      return pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
    }

    @Override
    public String toString() {
      String target = pathAndQuery();
      String shownBody =
          body == null
              ? "none"
              : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + ")" : body;
      return method()
          + " "
          + service()
          + " "
          + (target.length() > 300
              ? target.substring(0, 300) + "…(" + target.length() + ")"
              : target)
          + " as "
          + credential
          + " "
          + headers
          + " body "
          + shownBody;
    }
  }

  private final Account a;
  private final Account b;
  private final Account rotated;
  private final Records aRecords;
  private final Records bRecords;

  GeneratedRequests(Account a, Account b, Account rotated, Records aRecords, Records bRecords) {
    this.a = a;
    this.b = b;
    this.rotated = rotated;
    this.aRecords = aRecords;
    this.bRecords = bRecords;
  }

  String accountA() {
    return a.sid();
  }

  String accountB() {
    return b.sid();
  }

  /**
   * The Sids of the records of the account other than {@code account}: B's for A, A's for B, both
   * for anyone else.
   */
  List<String> sidsOfTheOther(String account) {
    if (account.equals(a.sid())) {
      return bRecords.all();
    }
    List<String> both = new ArrayList<>(aRecords.all());
    if (!account.equals(b.sid())) {
      both.addAll(bRecords.all());
    }
    return both;
  }

  Arbitrary<Request> requests() {
    return Combinators.combine(targets(), credentials(), segments(), query(), bodies(), headers())
        .as(
            (target, credential, segments, query, body, headers) -> {
              // Rotations of A's or B's token would lock the other requests out: they rotate the
              // third account's.
              Segments used =
                  target.endpoint() == Endpoint.ACCOUNT_TOKEN_ROTATION
                          && (segments.account().equals(a.sid())
                              || segments.account().equals(b.sid()))
                      ? new Segments(
                          rotated.sid(),
                          segments.kind(),
                          segments.sid(),
                          segments.map(),
                          segments.version(),
                          segments.junk())
                      : segments;
              String authorization =
                  credential.getKey() == Credential.GARBAGE
                      ? credential.getValue()
                      : StackRequests.authorization(credential.getKey(), a, b);
              boolean hasBody = !"GET".equals(target.method()) && !"DELETE".equals(target.method());
              return new Request(
                  target,
                  credential.getKey(),
                  authorization,
                  used,
                  query,
                  hasBody ? body : null,
                  headers);
            });
  }

  private Arbitrary<Target> targets() {
    Arbitrary<Endpoint> endpoint = Arbitraries.of(Endpoint.values());
    Arbitrary<Service> anyService = Arbitraries.of(Service.values());
    Arbitrary<String> otherMethod = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH");
    return Combinators.combine(
            endpoint, anyService, otherMethod, Arbitraries.integers().between(0, 19))
        .as(
            (e, service, method, dice) ->
                new Target(
                    e, e.service == null ? service : e.service, dice == 0 ? method : e.method));
  }

  private Arbitrary<Map.Entry<Credential, String>> credentials() {
    Arbitrary<String> garbage =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Bearer x",
                "Bearer ",
                "Basic !!!",
                "Basic ",
                "Digest a=b",
                "bearer",
                "Bearer " + LocalStack.DEV_ADMIN_TOKEN + "x",
                "Bearer " + StackRequests.PRODUCER_TOKEN.toUpperCase(Locale.ROOT),
                new Account(a.sid(), "0".repeat(64)).basicAuthorization(),
                new Account(b.sid(), a.authToken()).basicAuthorization()),
            Arbitraries.strings().withCharRange('!', '~').ofMaxLength(80).map(s -> "Bearer " + s));
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(Map.entry(Credential.NONE, ""))),
        Tuple.of(2, garbage.map(g -> Map.entry(Credential.GARBAGE, g))),
        Tuple.of(
            3,
            Arbitraries.of(Credential.PRODUCER, Credential.SERVICE, Credential.OPERATOR)
                .map(c -> Map.entry(c, ""))),
        Tuple.of(
            3,
            Arbitraries.of(Credential.ACCOUNT_A, Credential.ACCOUNT_B).map(c -> Map.entry(c, ""))));
  }

  private Arbitrary<Segments> segments() {
    Arbitrary<String> account =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(a.sid())),
            Tuple.of(2, Arbitraries.just(b.sid())),
            Tuple.of(1, hex(32).map(h -> "AC" + h)),
            Tuple.of(1, Arbitraries.just("AC" + a.sid().substring(2).toUpperCase(Locale.ROOT))),
            Tuple.of(1, junk()));
    Arbitrary<String> kind =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just("Calls")),
            Tuple.of(5, Arbitraries.just("Messages")),
            Tuple.of(1, Arbitraries.of("calls", "Recordings", "")));
    List<String> known = new ArrayList<>(aRecords.all());
    known.addAll(bRecords.all());
    Arbitrary<String> sid =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.of(known)),
            Tuple.of(
                1,
                Arbitraries.of(known)
                    .map(s -> s.substring(0, 2) + s.substring(2).toUpperCase(Locale.ROOT))),
            Tuple.of(
                2,
                Combinators.combine(Arbitraries.of("CA", "SM", "MM", "AC", "PN"), hex(32))
                    .as(String::concat)),
            Tuple.of(2, junk()));
    Arbitrary<String> map =
        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("read", "write")), Tuple.of(1, junk()));
    Arbitrary<String> version =
        Arbitraries.oneOf(
            Arbitraries.of("1", "0", "-1", "2", "99999999999999999999999"),
            Arbitraries.longs().map(String::valueOf),
            junk());
    return Combinators.combine(account, kind, sid, map, version, junk()).as(Segments::new);
  }

  private Arbitrary<List<Map.Entry<String, String>>> query() {
    Arbitrary<String> name =
        Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(QUERY_NAMES)), Tuple.of(1, junk()));
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "1",
                "20",
                "1000",
                "1001",
                "0",
                "-1",
                "ten",
                "+14155550101",
                "+1415",
                "completed",
                "delivered",
                "2024-03-09",
                "2024-03-09T10:00:00Z",
                Instant.now().toString(),
                "2024-02-30",
                "0000-01-01",
                "99999-01-01",
                "Sat, 09 Mar 2024 10:00:00 +0000",
                "PAgarbage",
                "PA" + "x".repeat(400),
                a.sid(),
                b.sid()),
            Arbitraries.of(aRecords.all()),
            Arbitraries.of(bRecords.all()),
            Arbitraries.longs().map(String::valueOf),
            junk(),
            Arbitraries.integers().between(1000, 12_000).map("9"::repeat));
    return Combinators.combine(name, value).as(Map::entry).list().ofMaxSize(4);
  }

  private Arbitrary<String> bodies() {
    Arbitrary<Object> fieldValue =
        Arbitraries.oneOf(
            Arbitraries.of(
                "+14155550100",
                "+14155550101",
                "42",
                "-0.0130",
                "USD",
                "hello",
                "",
                " ",
                Instant.now().toString(),
                "1970-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "99999-01-01T00:00:00Z",
                "2024-02-30T00:00:00Z",
                "not a date",
                "CA" + "0".repeat(32),
                a.sid(),
                b.sid()),
            Arbitraries.of(STATUSES).map(s -> (Object) s),
            Arbitraries.of(aRecords.all()).map(s -> (Object) s),
            Arbitraries.of(bRecords.all()).map(s -> (Object) s),
            Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
            Arbitraries.integers().between(1000, 70_000).map(n -> (Object) "x".repeat(n)),
            Arbitraries.longs().map(n -> (Object) n),
            Arbitraries.doubles().map(n -> (Object) n),
            Arbitraries.of(true, false).map(v -> (Object) v),
            Arbitraries.just((Object) List.of(1, "two", Map.of("three", 3))),
            Arbitraries.just((Object) Map.of("nested", Map.of("deeper", List.of()))));
    Arbitrary<String> field =
        Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(BODY_FIELDS)), Tuple.of(1, junk()));
    Arbitrary<String> object =
        Arbitraries.maps(field, fieldValue.injectNull(0.05))
            .ofMaxSize(6)
            .map(GeneratedRequests::json);
    return Arbitraries.frequencyOf(
        Tuple.of(8, object),
        Tuple.of(
            1,
            Arbitraries.of(
                "", "{", "[]", "null", "42", "\"text\"", "{\"status\": }", "[".repeat(5000))),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(60_000, 80_000)
                .map(n -> "{\"body\": \"" + "y".repeat(n) + "\"}")));
  }

  private static Arbitrary<Headers> headers() {
    Arbitrary<String> contentType =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just("application/json")),
            Tuple.of(
                1,
                Arbitraries.of(
                    "text/plain", "application/xml", "application/json; charset=utf-16", "*/*")),
            Tuple.of(1, Arbitraries.just((String) null)));
    Arbitrary<String> key =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.just((String) null)),
            Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40)),
            Tuple.of(
                1,
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(100).ofMaxLength(400)));
    return Combinators.combine(contentType, key).as(Headers::new);
  }

  /** Any text: control characters, other scripts, dots and percent signs, and long runs. */
  private static Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of(
            "",
            ".",
            "..",
            "%",
            "%00",
            "x".repeat(600),
            "\u0000",
            "é",
            "🙂",
            " ",
            "null",
            "{}",
            "a/b"));
  }

  private static Arbitrary<String> hex(int digits) {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(digits);
  }

  private static String json(Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(new LinkedHashMap<>(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
