package io.flightdeck.flags;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configuration of the per-account flags ({@code flightdeck.flags.*}). */
@ConfigMapping(prefix = "flightdeck.flags")
public interface FlagsConfig {
  /** The Unleash client API, {@code http://host:4242/api/}; unset, every flag is at its default. */
  @WithName("unleash.url")
  Optional<String> url();

  /** A backend (server-side SDK) token of the environment to evaluate. */
  @WithName("unleash.client-token")
  Optional<String> clientToken();

  /**
   * An admin token: set, the flags, their variant strategies and the {@code accountSid} context
   * field are provisioned into Unleash at start-up (idempotently). Unset, nothing is provisioned.
   */
  @WithName("unleash.admin-token")
  Optional<String> adminToken();

  /** The Unleash environment the client token belongs to, where provisioning adds strategies. */
  @WithName("unleash.environment")
  @WithDefault("development")
  String environment();

  /** The application name the client reports to Unleash. */
  @WithName("unleash.app-name")
  @WithDefault("flightdeck")
  String appName();

  /**
   * How often the client fetches the flags: how long a change made in Unleash takes to apply here.
   */
  @WithName("unleash.fetch-interval")
  @WithDefault("5s")
  Duration fetchInterval();

  /**
   * The client's backup of the last fetched flags, read at start-up when Unleash cannot be reached
   * (relative paths: to the working directory; a service of the local stack runs in its own
   * folder).
   */
  @WithName("unleash.backup-file")
  @WithDefault("unleash-flags-backup.json")
  String backupFile();

  /** How long requests wait for the first fetch after start-up before using what is known. */
  @WithName("unleash.first-fetch-timeout")
  @WithDefault("10s")
  Duration firstFetchTimeout();

  /**
   * A flag's default, by flag name, instead of the declared one ({@code
   * flightdeck.flags.default.read-path=legacy}).
   */
  @WithName("default")
  Map<String, String> defaults();
}
