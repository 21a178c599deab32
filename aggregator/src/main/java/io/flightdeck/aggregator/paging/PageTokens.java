package io.flightdeck.aggregator.paging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Provides the {@link PageToken} signer from configuration. */
public class PageTokens {

  /** Settings of the public lists' paging. */
  @ConfigMapping(prefix = "flightdeck.paging")
  public interface Config {
    /**
     * The key page tokens are signed with; every aggregator instance must share it. Change it in
     * production.
     */
    @WithDefault("flightdeck-local-development-page-token-key")
    String tokenSecret();
  }

  @Produces
  @ApplicationScoped
  PageToken pageToken(Config config) {
    return new PageToken(config.tokenSecret());
  }
}
