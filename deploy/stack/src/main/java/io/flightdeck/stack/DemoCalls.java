package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Demo data for {@code up --demo}: five calls for each of two fixed demo accounts, created and moved
 * through inflight-service's internal API as a producer would. Three of each account's calls complete
 * (they reach post-flight through Kafka within seconds), one stays in progress, one stays queued.
 * Idempotent: every call has its own {@code Idempotency-Key}, and a call that exists already is left
 * as it is.
 */
final class DemoCalls {

    /** Two demo accounts: "de" for demo, then a counter; valid AccountSids that no real account has. */
    static final List<Sid> ACCOUNTS = List.of(account(1), account(2));
    private static final String FROM = "+14155550100";
    /** The moves each call makes after its create, by call: most complete, one is live, one just queued. */
    private static final List<List<Map<String, String>>> MOVES = List.of(completed(), completed(), completed(),
            List.of(Map.of("status", "ringing"), Map.of("status", "in-progress")), List.of());

    private final String inflightUrl;
    private final String aggregatorUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    DemoCalls(String inflightUrl, String aggregatorUrl) {
        this.inflightUrl = inflightUrl;
        this.aggregatorUrl = aggregatorUrl;
    }

    private static Sid account(int number) {
        return new Sid(SidKind.ACCOUNT, "AC" + "de" + "0".repeat(29) + number);
    }

    private static List<Map<String, String>> completed() {
        return List.of(Map.of("status", "ringing"), Map.of("status", "in-progress"),
                Map.of("status", "completed", "duration", "42"));
    }

    /** Creates the calls, then prints what it did and how to list them. */
    void createAndPrint(PrintStream out) {
        int created = 0;
        for (Sid account : ACCOUNTS) {
            for (int call = 0; call < MOVES.size(); call++) {
                created += create(account, call) ? 1 : 0;
            }
        }
        int total = ACCOUNTS.size() * MOVES.size();
        out.println();
        out.printf("Demo data: %d calls for each of %s (3 completed, 1 in progress, 1 queued); %d created, %d existed already.%n",
                MOVES.size(), String.join(" and ", ACCOUNTS.stream().map(Sid::value).toList()), created, total - created);
        out.println("Completed calls move to post-flight through Kafka a second or two later. List them:");
        for (Sid account : ACCOUNTS) {
            out.println("  curl -s " + aggregatorUrl + "/2010-04-01/Accounts/" + account + "/Calls.json");
        }
        out.println("Live ones only:  curl -s " + inflightUrl + "/internal/v1/Accounts/" + ACCOUNTS.get(0) + "/Calls");
    }

    /** True when this call created it; false when its Idempotency-Key had created it before. */
    private boolean create(Sid account, int call) {
        String calls = inflightUrl + "/internal/v1/Accounts/" + account + "/Calls";
        HttpResponse<String> response = post(calls, Map.of("from", FROM, "to", "+1415555010" + (call + 1)),
                "flightdeck-demo-" + account + "-" + call);
        if (response.statusCode() == 200) {
            return false;
        }
        expect(201, response, "create a demo call");
        String sid = read(response).path("sid").asText();
        for (Map<String, String> move : MOVES.get(call)) {
            expect(200, post(calls + "/" + sid + "/Transitions", move, null), "move demo call " + sid + " to " + move.get("status"));
        }
        return true;
    }

    private HttpResponse<String> post(String url, Map<String, String> body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot POST " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Cannot " + what + ": " + response.request().method() + " " + response.uri()
                    + " answered " + response.statusCode() + " " + response.body());
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON from " + response.uri() + ": " + response.body(), e);
        }
    }
}
