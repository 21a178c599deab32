package io.flightdeck.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every service answers an over-long URI with rest-errors' 400 in the error body ({@code
 * UriLengthLimit}, {@code flightdeck.http.max-uri-length}), which only works while Vert.x's own
 * limit on the request line lies above it: Vert.x refuses a longer line itself, with a bare 414 and
 * no body. Each service sets that limit in its {@code application.properties}; this checks every
 * one on the classpath (the services' main resources), so a new or edited service cannot forget it.
 */
class HttpLimitsTest {
  private static final String VERTX_LIMIT = "quarkus.http.limits.max-initial-line-length";
  private static final String URI_LIMIT = "flightdeck.http.max-uri-length";

  /** rest-errors' default for {@link #URI_LIMIT} ({@code HttpLimits}). */
  private static final int URI_LIMIT_DEFAULT = 8192;

  @Test
  void everyServiceLetsRequestLinesPastItsUriLimitReachTheErrorBody() throws IOException {
    List<URL> files =
        Collections.list(getClass().getClassLoader().getResources("application.properties"));
    assertThat(files)
        .as("application.properties of inflight, postflight, the aggregator, the billing consumer")
        .hasSizeGreaterThanOrEqualTo(4);
    List<String> wrong = new ArrayList<>();
    for (URL file : files) {
      Properties properties = new Properties();
      try (InputStream in = file.openStream()) {
        properties.load(in);
      }
      int uriLimit =
          Integer.parseInt(properties.getProperty(URI_LIMIT, String.valueOf(URI_LIMIT_DEFAULT)));
      String vertxLimit = properties.getProperty(VERTX_LIMIT);
      // The request line is the method, the URI and the protocol: a URI at the limit needs room.
      if (vertxLimit == null || Integer.parseInt(vertxLimit) <= uriLimit + 64) {
        wrong.add(file + ": " + VERTX_LIMIT + "=" + vertxLimit + ", " + URI_LIMIT + "=" + uriLimit);
      }
    }
    assertThat(wrong)
        .as(
            "set %s well above %s (e.g. 65536), or an over-long URI gets a bare 414",
            VERTX_LIMIT, URI_LIMIT)
        .isEmpty();
  }
}
