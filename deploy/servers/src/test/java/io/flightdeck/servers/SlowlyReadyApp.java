package io.flightdeck.servers;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A stand-in for a Quarkus service that is live long before it is ready (a broker to reach, flags
 * to fetch): {@code /q/health/live} answers 200 at once, {@code /q/health/ready} 503 until {@code
 * slowly-ready.after-ms} have passed, then 200. Run by {@link QuarkusService} as its fast-jar.
 */
public final class SlowlyReadyApp {
  private SlowlyReadyApp() {}

  public static void main(String[] args) throws IOException {
    long readyAt = System.currentTimeMillis() + Long.getLong("slowly-ready.after-ms", 3000);
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(
                System.getProperty("quarkus.http.host"), Integer.getInteger("quarkus.http.port")),
            0);
    server.createContext(
        "/q/health/live",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/q/health/ready",
        exchange -> {
          exchange.sendResponseHeaders(System.currentTimeMillis() >= readyAt ? 200 : 503, -1);
          exchange.close();
        });
    server.start();
  }
}
