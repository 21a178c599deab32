package io.flightdeck.billing.archfixture;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fixture against the configuration rule: two flightdeck.* keys read through {@code ConfigProperty}
 * (a field and a constructor parameter), and a client library's key, which is allowed.
 */
public class ReadsKeysLoosely {
  @ConfigProperty(name = "flightdeck.example.field")
  String field;

  public ReadsKeysLoosely(
      @ConfigProperty(name = "flightdeck.example.parameter") String parameter,
      @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
    this.field = parameter + servers;
  }
}
