package io.flightdeck.servers;

import java.util.Map;

/**
 * How clients and people reach the Unleash server. Tokens and the UI login are fixed
 * local-development secrets (see {@link UnleashServer}); never use them elsewhere.
 *
 * @param url the base URL, {@code http://127.0.0.1:<port>} (the UI is served here)
 * @param apiUrl the client API URL for SDKs, {@code http://127.0.0.1:<port>/api/}
 * @param adminToken for the admin API ({@code Authorization} header)
 * @param clientToken a backend (server-side SDK) token for environment {@code development}
 * @param frontendToken a frontend token for environment {@code development}
 * @param uiUser the UI's login name
 * @param uiPassword the UI's password
 */
public record UnleashEndpoint(
    String url,
    String apiUrl,
    String adminToken,
    String clientToken,
    String frontendToken,
    String uiUser,
    String uiPassword) {

  /** This server as {@code flightdeck.servers.unleash.*} properties (see {@link Endpoints}). */
  public Map<String, String> properties() {
    return Map.of(
        "flightdeck.servers.unleash.url",
        url,
        "flightdeck.servers.unleash.api-url",
        apiUrl,
        "flightdeck.servers.unleash.admin-token",
        adminToken,
        "flightdeck.servers.unleash.client-token",
        clientToken,
        "flightdeck.servers.unleash.frontend-token",
        frontendToken);
  }
}
