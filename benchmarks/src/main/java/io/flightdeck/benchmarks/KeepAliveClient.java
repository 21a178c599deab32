package io.flightdeck.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.net.URI;

/** The benchmarks' Vert.x HTTP client: HTTP/1.1 keep-alive connections to one service. */
final class KeepAliveClient {
  private KeepAliveClient() {}

  /**
   * @param connections at most this many connections, one request in flight on each; a request that
   *     finds them all busy waits in the pool
   */
  static HttpClient to(Vertx vertx, URI service, int connections) {
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_1_1)
            .setKeepAlive(true)
            .setDefaultHost(service.getHost())
            .setDefaultPort(service.getPort())
            .setConnectTimeout(5_000),
        new PoolOptions().setHttp1MaxSize(connections));
  }
}
