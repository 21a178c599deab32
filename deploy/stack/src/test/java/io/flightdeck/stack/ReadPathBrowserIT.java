package io.flightdeck.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.UnleashEndpoint;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator flips a flag in the Unleash UI (logged in with Debian's headless Chromium, driven by
 * playwright-core: {@code src/test/browser/switch-flag.mjs}) and one account's public reads take
 * the new path within 15 seconds, named by the {@code Flightdeck-Read-Path} header, while another
 * account's do not; then the operator flips it back.
 *
 * <p>Account A is on the {@code split-shadow-legacy} strategy of {@code read-path}; B is on none.
 * With the flag switched off in the environment every account is on the default ({@code split});
 * switched on, A takes its variant and B stays on the default.
 *
 * <p>Accounts seeded by {@code deploy/flightdeck legacy seed} read from the legacy store as soon as
 * the aggregator has fetched the flags the seed set: each printed credential lists exactly the
 * records the seed wrote for its account; and once inflight-service has them, a new call of such an
 * account is written there.
 */
class ReadPathBrowserIT {
  private static final Duration FLIP_BUDGET = Duration.ofSeconds(15);
  private static LocalStack stack;
  private static String aggregator;
  private static UnleashEndpoint unleash;
  private static UnleashAdmin admin;

  @BeforeAll
  static void theSharedStack() {
    stack = SharedStack.stack();
    Endpoints endpoints = SharedStack.endpoints();
    aggregator = stack.url(LocalStack.AGGREGATOR);
    unleash = endpoints.unleash();
    admin = new UnleashAdmin(unleash.apiUrl(), unleash.adminToken(), "development");
  }

  @Test
  void anOperatorFlipsOneAccountsReadPathInTheUnleashUiAndOnlyThatAccountFollows()
      throws Exception {
    String[] a = accountWithACall();
    String[] b = accountWithACall();
    admin.assign(Flags.READ_PATH, ReadPath.SPLIT_SHADOW_LEGACY, a[0]);
    try {
      switchInTheUi("off");
      awaitPath(a, "split", b);

      switchInTheUi("on");
      awaitPath(a, "split-shadow-legacy", b);

      switchInTheUi("off");
      awaitPath(a, "split", b);
    } finally {
      admin.switchEnvironment(Flags.READ_PATH, true);
    }
    // While A was shadowed, its call (written to the split stores only) was missing from legacy.
    JsonPath mismatches =
        given()
            .header("Authorization", "Bearer " + LocalStack.DEV_ADMIN_TOKEN)
            .get(aggregator + "/admin/v1/ShadowMismatches")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(mismatches.getList("mismatches.account_sid")).contains(a[0]).doesNotContain(b[0]);
  }

  @Test
  void seededLegacyAccountsListTheirSeededRecordsAndTheirNewCallsAreWrittenToTheLegacyStore() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        LegacyCommand.seed(
            stack,
            2,
            30,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2).allMatch(line -> line.matches("AC[0-9a-f]{32}:\\S+"));
    assertThat(lines.stream().map(line -> line.substring(0, 34)).distinct()).hasSize(2);
    for (String line : lines) {
      String account = line.substring(0, 34);
      String token = line.substring(35);
      List<String> calls = legacySids(account, "call");
      List<String> messages = legacySids(account, "message");
      assertThat(calls.size() + messages.size()).isEqualTo(30 + LegacyRecordsSeed.liveCount(30));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(listed(account, token, "Calls"))
                    .containsExactlyInAnyOrderElementsOf(calls);
                assertThat(listed(account, token, "Messages"))
                    .containsExactlyInAnyOrderElementsOf(messages);
              });
    }
    // Writes follow the seed's write-path flag once inflight-service has fetched it: a call a
    // producer creates then is born in the legacy store, and the account's list shows it.
    String account = lines.get(0).substring(0, 34);
    String[] created = new String[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              created[0] = StackAccounts.newCall(stack, account);
              assertThat(legacySids(account, "call")).contains(created[0]);
            });
    assertThat(listed(account, lines.get(0).substring(35), "Calls")).contains(created[0]);
  }

  /**
   * The Sids the account's public list shows, on the legacy read path (one page holds them all).
   */
  private static List<String> listed(String account, String token, String resource) {
    Response list =
        given()
            .auth()
            .preemptive()
            .basic(account, token)
            .get(
                aggregator
                    + "/2010-04-01/Accounts/"
                    + account
                    + "/"
                    + resource
                    + ".json?PageSize=1000");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.header("Flightdeck-Read-Path")).isEqualTo("legacy");
    return list.jsonPath().getList(resource.toLowerCase() + ".sid", String.class);
  }

  /** The Sids of one kind the legacy store holds for the account. */
  private static List<String> legacySids(String account, String kind) {
    return stack
        .servers()
        .mariaDb("legacy")
        .sql(
            "SELECT sid FROM legacy.records WHERE account_sid = '%s' AND kind = '%s' AND mirrored = 0"
                .formatted(account, kind))
        .lines()
        .filter(sid -> !sid.isBlank())
        .toList();
  }

  /** A's reads take {@code path} within the budget; B's stay on split at every poll. */
  private static void awaitPath(String[] a, String path, String[] b) {
    await()
        .atMost(FLIP_BUDGET)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(readPath(b)).isEqualTo("split");
              assertThat(readPath(a)).isEqualTo(path);
            });
  }

  private static String readPath(String[] account) {
    return given()
        .auth()
        .preemptive()
        .basic(account[0], account[1])
        .get(aggregator + "/2010-04-01/Accounts/" + account[0] + "/Calls.json")
        .then()
        .statusCode(200)
        .extract()
        .header("Flightdeck-Read-Path");
  }

  private static String[] accountWithACall() {
    String[] account = StackAccounts.newAccount(stack);
    StackAccounts.newCall(stack, account[0]);
    return account;
  }

  /** Runs the Playwright script in Node against the stack's Unleash UI; fails with its output. */
  private static void switchInTheUi(String wanted) throws IOException, InterruptedException {
    Path browser = stack.projectRoot().resolve("deploy/stack/src/test/browser");
    Process process =
        new ProcessBuilder(
                List.of(
                    "node",
                    "switch-flag.mjs",
                    unleash.url(),
                    unleash.uiUser(),
                    unleash.uiPassword(),
                    Flags.READ_PATH.name(),
                    "development",
                    wanted))
            .directory(browser.toFile())
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the browser did not finish switching " + wanted + " within 90 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("switch-flag.mjs %s:%n%s", wanted, output).isZero();
  }
}
