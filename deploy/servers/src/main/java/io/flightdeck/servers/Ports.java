package io.flightdeck.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports: every server listens on {@value #HOST} only. A port is either fixed by the caller
 * or chosen here and remembered in the server's settings, so a restart reuses it as long as it is
 * free (clients configured once keep working).
 *
 * <p>A port handed out by {@link #free()} or fixed on a set ({@link #reserve}) is never handed out
 * again by this JVM: a test that picks its services' ports first and starts its servers after would
 * otherwise see a server take a service's port before the service binds it.
 *
 * <p>Chosen ports lie below the kernel's ephemeral range: a port from that range, once its server
 * stops, can become the local port of any outgoing connection on the machine (a readiness probe, a
 * client), and the server could not bind it again for a minute.
 */
public final class Ports {

  static final String HOST = "127.0.0.1";
  private static final int LOWEST = 10_000;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Ports this JVM handed out or was told are someone's: never chosen again. */
  private static final Set<Integer> RESERVED = ConcurrentHashMap.newKeySet();

  private Ports() {}

  /** A port free now, outside the ephemeral range where that range leaves room. */
  public static int free() {
    int ceiling = ephemeralRangeStart();
    if (ceiling - LOWEST >= 1_000) {
      for (int attempt = 0; attempt < 200; attempt++) {
        int candidate = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
        if (!RESERVED.contains(candidate) && !taken(candidate) && RESERVED.add(candidate)) {
          return candidate;
        }
      }
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        if (RESERVED.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot find a free loopback port", e);
      }
    }
    throw new IllegalStateException("Cannot find a loopback port not handed out before");
  }

  /** Marks a port as someone's (fixed for a server of a set): {@link #free()} never returns it. */
  static void reserve(int port) {
    RESERVED.add(port);
  }

  private static int ephemeralRangeStart() {
    try {
      // Files.readString reads /proc files short (they report size 0); read a line instead.
      try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
        return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
      }
    } catch (IOException | RuntimeException e) {
      return 32_768; // Linux's default
    }
  }

  /** Who holds the port, as {@code ss} reports it, or "" when that cannot be told. */
  static String holderOf(int port) {
    try {
      Command.Result result =
          new Command(List.of("ss", "-Htanp", "sport = :" + port)).run(Duration.ofSeconds(5));
      return result.succeeded() ? result.output().strip() : "";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** True when something already listens on (or holds) the port, so a server could not bind it. */
  static boolean taken(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port), 1);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** True when a TCP connection to the port succeeds within half a second. */
  static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The port for one listener of a server: the fixed one if given; else the remembered one while it
   * is free; else a new free one, remembered. The caller checks a fixed port with {@link #taken}.
   */
  static int choose(ServerSettings settings, String key, OptionalInt fixed) {
    if (fixed.isPresent()) {
      reserve(fixed.getAsInt());
      settings.putInt(key, fixed.getAsInt());
      return fixed.getAsInt();
    }
    OptionalInt remembered = settings.getInt(key);
    if (remembered.isPresent() && !taken(remembered.getAsInt())) {
      reserve(remembered.getAsInt());
      return remembered.getAsInt();
    }
    int port = free();
    settings.putInt(key, port);
    return port;
  }
}
