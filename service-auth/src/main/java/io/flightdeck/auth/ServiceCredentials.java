package io.flightdeck.auth;

import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * Presents this service's token ({@code flightdeck.auth.service-token}) on every request of a REST
 * client it is registered with: {@code @RegisterProvider(ServiceCredentials.class)} on a declared
 * client, {@code .register(serviceCredentials)} on a built one. Without a configured token it adds
 * nothing, and the called service answers 401. Thread-safe.
 */
@Singleton
public class ServiceCredentials implements ClientRequestFilter {
  private final Optional<String> authorization;

  public ServiceCredentials(AuthConfig config) {
    this.authorization =
        config.serviceToken().filter(token -> !token.isBlank()).map(DevelopmentCredentials::bearer);
  }

  /** The {@code Authorization} header value it presents, for a client that is not a JAX-RS one. */
  public Optional<String> authorization() {
    return authorization;
  }

  @Override
  public void filter(ClientRequestContext request) {
    authorization.ifPresent(
        value -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, value));
  }
}
