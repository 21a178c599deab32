package io.flightdeck.stack;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.PostgresServer;
import io.flightdeck.servers.UnleashEndpoint;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What {@code up} prints: every URL, login and port a developer needs, from the running stack's
 * facts.
 */
final class StackGuide {

  private final LocalStack stack;
  private final Endpoints endpoints;

  StackGuide(LocalStack stack, Endpoints endpoints) {
    this.stack = stack;
    this.endpoints = endpoints;
  }

  void print(PrintStream out, Duration took) {
    out.printf(
        "Flightdeck is up (%.1f s). State, data and logs: %s%n",
        took.toMillis() / 1000.0, stack.stateFolder());
    out.println();
    String aggregator = stack.url(LocalStack.AGGREGATOR);
    row(out, "Public API", aggregator + "/2010-04-01/Accounts/{AccountSid}/Calls.json");
    row(out, "", aggregator + "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json");
    out.println();
    service(out, LocalStack.AGGREGATOR, "/2010-04-01", "public API, Twilio v2010");
    service(
        out,
        LocalStack.INFLIGHT,
        "/internal/v1/Accounts/{AccountSid}/Calls",
        "internal: producers create and move live calls, on "
            + stack.inflightNodes()
            + " in-flight nodes");
    service(
        out,
        LocalStack.POSTFLIGHT,
        "/internal/v1/Accounts/{AccountSid}/Calls",
        "internal: finished calls");
    out.println();
    out.println(
        "Credentials of the internal and admin APIs (header Authorization: Bearer <token>):");
    row(
        out,
        "  producers",
        LocalStack.DEV_PRODUCER_TOKEN
            + "   "
            + LocalStack.INFLIGHT
            + " /internal/ (create, move, read)");
    row(
        out,
        "  services",
        LocalStack.DEV_SERVICE_TOKEN
            + "   "
            + LocalStack.INFLIGHT
            + " and "
            + LocalStack.POSTFLIGHT
            + " /internal/ (read only)");
    row(out, "  operators", LocalStack.DEV_ADMIN_TOKEN + "   every /admin/ API");
    row(
        out,
        "  e.g.",
        "curl -s -H 'Authorization: Bearer "
            + LocalStack.DEV_ADMIN_TOKEN
            + "' "
            + stack.url(LocalStack.POSTFLIGHT)
            + "/admin/v1/Shards");
    out.println();
    UnleashEndpoint unleash = endpoints.unleash();
    row(
        out,
        "Unleash UI",
        unleash.url() + "   login " + unleash.uiUser() + " / " + unleash.uiPassword());
    row(out, "  client API", unleash.apiUrl() + "   token " + unleash.clientToken());
    row(out, "  admin token", unleash.adminToken());
    row(out, "Kafka", "bootstrap " + endpoints.kafkaBootstrapServers());
    for (String store : endpoints.mariaDbStores()) {
      MariaDbEndpoint db = endpoints.mariaDb(store);
      row(
          out,
          "MariaDB " + store,
          db.host() + ":" + db.port() + "   user " + db.user() + " / " + db.password());
    }
    row(
        out,
        "PostgreSQL",
        "127.0.0.1:"
            + endpoints.postgresPort()
            + "   user "
            + PostgresServer.USER
            + " / "
            + PostgresServer.PASSWORD
            + ", database "
            + PostgresServer.DATABASE
            + " (Unleash's)");
    out.println();
    out.println(
        "Legacy combined store sample accounts (their reads go to it once Unleash's read-path flag says legacy:");
    out.println(
        "add the Sid to the constraint of the read-path strategy titled 'legacy' in the development environment):");
    for (String account : LegacySeed.ACCOUNTS) {
      row(
          out,
          "",
          "curl -s -u "
              + account
              + ":"
              + LegacySeed.token(account)
              + " "
              + aggregator
              + "/2010-04-01/Accounts/"
              + account
              + "/Calls.json");
    }
    out.println(
        "More accounts on the legacy store, their read and write paths on legacy, each with credentials:");
    row(out, "", "deploy/flightdeck legacy seed --accounts N --records M");
    out.println();
    out.println(
        "Local development only: every login and token above is a fixed, public secret; all listen on 127.0.0.1.");
    out.println(
        "'deploy/flightdeck status' shows the processes and their logs; 'deploy/flightdeck down' stops everything.");
  }

  private void service(PrintStream out, String name, String apiPath, String role) {
    String base = stack.url(name);
    row(out, name, base + apiPath + "   (" + role + ")");
    row(out, "  Swagger UI", base + "/q/swagger-ui");
    row(out, "  OpenAPI", base + "/q/openapi");
    row(out, "  health", base + "/q/health");
    row(out, "  metrics", base + "/q/metrics");
  }

  private static void row(PrintStream out, String label, String value) {
    out.printf("  %-20s %s%n", label, value);
  }
}
