package io.flightdeck.stack;

import picocli.CommandLine.Option;

/** The {@code --url} of postflight-service, for every command that calls its admin API. */
final class PostflightUrl {
  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:${env:FLIGHTDECK_POSTFLIGHT_PORT:-8082}",
      description =
          "postflight-service. Default: ${DEFAULT-VALUE} (env FLIGHTDECK_POSTFLIGHT_PORT).")
  String url;
}
