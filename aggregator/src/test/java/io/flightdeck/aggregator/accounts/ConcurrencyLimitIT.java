package io.flightdeck.aggregator.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.aggregator.TestAccounts;
import io.flightdeck.aggregator.TestAccounts.Account;
import io.flightdeck.aggregator.WithControlStore;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The limit on requests worked on at once, with the limit at two: two public requests are held in
 * progress for real (the accounts table is locked on the control MariaDB, so their authentication
 * waits for it), and a third request gets a 503 in the public error format with {@code Retry-After}
 * at once, while health still answers; once the lock is gone the two held requests are answered and
 * the service takes requests again.
 */
@QuarkusTest
@WithControlStore
@TestProfile(ConcurrencyLimitIT.AtTwo.class)
class ConcurrencyLimitIT {
  public static class AtTwo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("flightdeck.http.max-concurrent-requests", "2");
    }
  }

  @Test
  void beyondTheLimitARequestIsRefusedWithRetryAfterAndTheHeldOnesAreAnsweredLater()
      throws Exception {
    Account first = TestAccounts.create();
    Account second = TestAccounts.create();
    MariaDbEndpoint control = TestServers.mariaDb("control");
    ExecutorService clients = Executors.newFixedThreadPool(2);
    List<CompletableFuture<Integer>> held;
    try (Connection lock = connect(control);
        Connection watch = connect(control)) {
      try (Statement statement = lock.createStatement()) {
        statement.execute("LOCK TABLES account WRITE");
      }
      // Not yet cached: each request reads its account's token, and waits for the lock.
      held =
          List.of(
              CompletableFuture.supplyAsync(() -> status(first), clients),
              CompletableFuture.supplyAsync(() -> status(second), clients));
      await().atMost(Duration.ofSeconds(30)).until(() -> waitingForTheLock(watch) == 2);

      first
          .given()
          .get(first.path() + "/Calls.json")
          .then()
          .statusCode(503)
          .header("Retry-After", "1")
          .body("status", equalTo(503))
          .body("code", equalTo(20503))
          .body(
              "message", equalTo("the service is working on its limit of 2 requests; retry later"));
      given().get("/q/health/live").then().statusCode(200);
      assertThat(held).noneMatch(CompletableFuture::isDone);

      try (Statement statement = lock.createStatement()) {
        statement.execute("UNLOCK TABLES");
      }
    } finally {
      clients.shutdown();
    }
    // Held, not refused: once authenticated, each is answered by the resource itself (its
    // PageSize is out of range), as is a request made after them.
    for (CompletableFuture<Integer> request : held) {
      assertThat(request.get()).isEqualTo(400);
    }
    assertThat(status(first)).isEqualTo(400);
  }

  private static int status(Account account) {
    return account.given().get(account.path() + "/Calls.json?PageSize=0").statusCode();
  }

  private static Connection connect(MariaDbEndpoint control) throws SQLException {
    return DriverManager.getConnection(
        control.jdbcUrl("accounts"), control.user(), control.password());
  }

  private static int waitingForTheLock(Connection watch) throws SQLException {
    try (Statement statement = watch.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE STATE LIKE 'Waiting for table%lock'")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
