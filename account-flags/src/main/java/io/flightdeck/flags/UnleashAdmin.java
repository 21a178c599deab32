package io.flightdeck.flags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flightdeck's flags in Unleash, through its admin API. {@link #provision()} creates what {@link
 * Flags} declares, so that a fresh Unleash shows every flag and its variants in the UI:
 *
 * <ol>
 *   <li>the context field {@code accountSid};
 *   <li>each flag (project {@code default}, type {@code experiment}, its description);
 *   <li>in the environment, one strategy per variant, titled with the variant's name, constrained
 *       to {@code accountSid IN [none]} (no account yet, see {@link #NO_ACCOUNT}) and carrying that
 *       variant: an operator moves an account to a variant by adding its Sid to that strategy's
 *       constraint;
 *   <li>a flag that had no strategies in the environment (created by this run, or by one that
 *       failed half-way) is then switched on there (strategies first: an environment switched on
 *       with no strategy would be on for everyone). A flag with strategies is left on or off as it
 *       is, so a restart never undoes an operator's kill switch.
 * </ol>
 *
 * Idempotent: what exists is left as it is (an operator's edits to a strategy survive), only what
 * is missing is added. {@link #assign} does what an operator does in the UI to move an account to a
 * variant. Each call is a few HTTP requests; not for concurrent use on one flag.
 */
public final class UnleashAdmin {
  private static final String PROJECT = "api/admin/projects/default/features";

  /**
   * The value a strategy's {@code accountSid} constraint holds while no account is on it: Unleash
   * refuses an empty list, and no AccountSid is spelled like this.
   */
  public static final String NO_ACCOUNT = "none";

  private final URI base;
  private final String adminToken;
  private final String environment;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param clientApiUrl the client API URL the services use, {@code http://host:4242/api/}
   * @param adminToken an admin token ({@code *:*.…})
   * @param environment where strategies are added and flags switched on
   */
  public UnleashAdmin(String clientApiUrl, String adminToken, String environment) {
    String url = clientApiUrl.endsWith("/") ? clientApiUrl : clientApiUrl + "/";
    this.base = URI.create(url).resolve("../");
    this.adminToken = adminToken;
    this.environment = environment;
  }

  /**
   * Provisions every flag of {@link Flags#ALL}.
   *
   * @return what was added (empty when everything existed)
   * @throws IOException when Unleash cannot be reached or refuses a request (naming it)
   */
  public List<String> provision() throws IOException {
    List<String> added = new ArrayList<>();
    if (create(
        "api/admin/context",
        Map.of(
            "name",
            AccountFlags.ACCOUNT_SID,
            "description",
            "The AccountSid (AC…) of the account a request is for",
            "stickiness",
            true,
            "legalValues",
            List.of()))) {
      added.add("context field " + AccountFlags.ACCOUNT_SID);
    }
    for (VariantFlag<?> flag : Flags.ALL) {
      added.addAll(provision(flag));
    }
    return added;
  }

  private List<String> provision(VariantFlag<?> flag) throws IOException {
    List<String> added = new ArrayList<>();
    boolean created =
        create(
            PROJECT,
            Map.of("name", flag.name(), "type", "experiment", "description", flag.description()));
    if (created) {
      added.add("flag " + flag.name());
    }
    String strategies = strategiesPath(flag);
    Set<String> titled = new HashSet<>();
    for (JsonNode strategy : send("GET", strategies, null)) {
      titled.add(strategy.path("title").asText(""));
    }
    for (FlagVariant variant : flag.all()) {
      if (!titled.contains(variant.variantName())) {
        send("POST", strategies, strategy(flag, variant));
        added.add("strategy " + flag.name() + "/" + variant.variantName());
      }
    }
    if (created || titled.isEmpty()) {
      switchEnvironment(flag, true);
      added.add(flag.name() + " on in " + environment);
    }
    return added;
  }

  private static Map<String, Object> strategy(VariantFlag<?> flag, FlagVariant variant) {
    return Map.of(
        "name", "flexibleRollout",
        "title", variant.variantName(),
        "parameters", Map.of("rollout", "100", "stickiness", "default", "groupId", flag.name()),
        "constraints",
            List.of(
                Map.of(
                    "contextName",
                    AccountFlags.ACCOUNT_SID,
                    "operator",
                    "IN",
                    "values",
                    List.of(NO_ACCOUNT))),
        "variants",
            List.of(
                Map.of(
                    "name",
                    variant.variantName(),
                    "weight",
                    1000,
                    "weightType",
                    "variable",
                    "stickiness",
                    "default")));
  }

  /**
   * Moves the account to the variant: its Sid goes into the {@code accountSid} constraint of the
   * strategy titled with the variant, and then out of every other strategy of the flag. In that
   * order, because a client fetching between the two changes must see the account on its old
   * variant or its new one (Unleash answers the first strategy that matches), never on none: an
   * account on no strategy gets the flag's default, and an account being moved from {@code legacy}
   * to {@code dual} must never have its writes answered by the {@code split} path meanwhile.
   *
   * @throws IOException when Unleash cannot be reached, refuses, or the flag lacks that strategy
   */
  public void assign(VariantFlag<?> flag, FlagVariant variant, String accountSid)
      throws IOException {
    String strategies = strategiesPath(flag);
    Map<String, ObjectNode> removals = new LinkedHashMap<>(); // by strategy id
    boolean found = false;
    for (JsonNode strategy : send("GET", strategies, null)) {
      boolean target = strategy.path("title").asText("").equals(variant.variantName());
      found |= target;
      String id = strategy.path("id").asText();
      Optional<ObjectNode> changed = withAccount(strategy, accountSid, target);
      if (changed.isPresent() && target) {
        send("PUT", strategies + "/" + segment(id), changed.get());
      } else {
        changed.ifPresent(body -> removals.put(id, body));
      }
    }
    if (!found) {
      throw new IOException(
          "flag %s has no strategy titled %s in %s: provision first"
              .formatted(flag.name(), variant.variantName(), environment));
    }
    for (Map.Entry<String, ObjectNode> removal : removals.entrySet()) {
      send("PUT", strategies + "/" + segment(removal.getKey()), removal.getValue());
    }
  }

  /**
   * The strategy with the account added to ({@code add}) or removed from its {@code accountSid}
   * constraint, as the body that PUTs it back (without its id); empty when that changes nothing.
   */
  private static Optional<ObjectNode> withAccount(
      JsonNode strategy, String accountSid, boolean add) {
    ObjectNode changed = strategy.deepCopy();
    boolean modified = false;
    for (JsonNode constraint : changed.withArray("constraints")) {
      if (!constraint.path("contextName").asText().equals(AccountFlags.ACCOUNT_SID)) {
        continue;
      }
      ArrayNode values = (ArrayNode) constraint.withArray("values");
      Set<String> accounts = new LinkedHashSet<>();
      values.forEach(v -> accounts.add(v.asText()));
      modified |= add ? accounts.add(accountSid) : accounts.remove(accountSid);
      if (accounts.size() > 1) {
        accounts.remove(NO_ACCOUNT);
      } else if (accounts.isEmpty()) {
        accounts.add(NO_ACCOUNT);
      }
      values.removeAll();
      accounts.forEach(values::add);
    }
    if (!modified) {
      return Optional.empty();
    }
    changed.remove(List.of("id", "sortOrder", "segments"));
    return Optional.of(changed);
  }

  /** Switches the flag on or off in the environment (off: every account at the default). */
  public void switchEnvironment(VariantFlag<?> flag, boolean on) throws IOException {
    send("POST", environmentPath(flag) + (on ? "/on" : "/off"), null);
  }

  /** The admin API's path of the flag's strategies in the environment. */
  String strategiesPath(VariantFlag<?> flag) {
    return environmentPath(flag) + "/strategies";
  }

  private String environmentPath(VariantFlag<?> flag) {
    return PROJECT + "/" + segment(flag.name()) + "/environments/" + segment(environment);
  }

  /** POSTs a new object; true when created, false when it existed already (409). */
  private boolean create(String path, Object body) throws IOException {
    HttpResponse<String> response = exchange("POST", path, body);
    if (response.statusCode() == 409) {
      return false;
    }
    check("POST", path, response);
    return true;
  }

  /** The flag as the admin API shows it, with its environments. */
  JsonNode feature(VariantFlag<?> flag) throws IOException {
    return send("GET", PROJECT + "/" + segment(flag.name()), null);
  }

  String environment() {
    return environment;
  }

  JsonNode send(String method, String path, Object body) throws IOException {
    HttpResponse<String> response = exchange(method, path, body);
    check(method, path, response);
    return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
  }

  private HttpResponse<String> exchange(String method, String path, Object body)
      throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", adminToken)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + method + " " + path, e);
    }
  }

  private static void check(String method, String path, HttpResponse<String> response)
      throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "Unleash refused %s %s: HTTP %d %s"
              .formatted(method, path, response.statusCode(), response.body()));
    }
  }

  private static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
