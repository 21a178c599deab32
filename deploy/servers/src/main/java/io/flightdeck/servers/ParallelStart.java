package io.flightdeck.servers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Starts servers at once, each after the servers it depends on, and undoes the whole call when one
 * fails. Every server's start has its own timeout, so waiting for all of them always ends.
 */
final class ParallelStart {

  private static final System.Logger LOG = System.getLogger(ServerSet.class.getName());

  private final List<Server> servers;

  ParallelStart(List<Server> servers) {
    this.servers = servers;
  }

  void run() {
    ExecutorService threads =
        Executors.newFixedThreadPool(Math.max(1, servers.size()), daemonThreads("start"));
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    try {
      Map<Server, CompletableFuture<Boolean>> starts = new LinkedHashMap<>();
      for (Server server : servers) {
        CompletableFuture<?>[] dependencies =
            starts.entrySet().stream()
                .filter(e -> server.dependsOn().contains(e.getKey().name()))
                .map(Map.Entry::getValue)
                .toArray(CompletableFuture[]::new);
        CompletableFuture<Boolean> start =
            CompletableFuture.allOf(dependencies)
                .thenApplyAsync(ignored -> timedStart(server), threads);
        // The first failure interrupts the other starts: no point waiting minutes for them.
        start.whenComplete(
            (ignored, error) -> {
              if (error != null && firstFailure.compareAndSet(null, unwrap(error))) {
                threads.shutdownNow();
              }
            });
        starts.put(server, start);
      }
      List<Server> startedHere = new ArrayList<>();
      Set<Throwable> others = Collections.newSetFromMap(new IdentityHashMap<>());
      starts.forEach(
          (server, start) -> {
            try {
              if (start.join()) {
                startedHere.add(server);
              }
            } catch (CompletionException | CancellationException e) {
              others.add(unwrap(e));
            }
          });
      if (firstFailure.get() != null) {
        stopInOrder(startedHere);
        Throwable first = firstFailure.get();
        RuntimeException failure =
            first instanceof RuntimeException e ? e : new IllegalStateException(first);
        others.stream().filter(other -> other != first).forEach(failure::addSuppressed);
        throw failure;
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private static boolean timedStart(Server server) {
    long begin = System.nanoTime();
    boolean started;
    try {
      started = server.start();
    } catch (ServerStartException e) {
      throw e;
    } catch (RuntimeException e) {
      boolean abandoned = Thread.interrupted() || e.getCause() instanceof InterruptedException;
      throw new ServerStartException(
          server.name(),
          abandoned ? "abandoned, because another server failed to start" : e.toString(),
          server.files().log(),
          e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "{0} {1} in {2} s (port {3}, log {4})",
        server.name(),
        started ? "started" : "already running, reused",
        String.format("%.1f", (System.nanoTime() - begin) / 1e9),
        String.valueOf(server.port().orElse(-1)),
        server.files().log());
    return started;
  }

  /**
   * Stops servers in parallel, those others (in the list) depend on last. Every server is tried
   * even when one fails; the first failure is thrown at the end.
   */
  static void stopInOrder(List<Server> servers) {
    List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
    List<Server> remaining = new ArrayList<>(servers);
    while (!remaining.isEmpty()) {
      Set<String> stillNeeded =
          remaining.stream().flatMap(s -> s.dependsOn().stream()).collect(Collectors.toSet());
      List<Server> wave = remaining.stream().filter(s -> !stillNeeded.contains(s.name())).toList();
      if (wave.isEmpty()) {
        wave = List.copyOf(remaining); // a cycle cannot happen; never loop forever anyway
      }
      ExecutorService threads = Executors.newFixedThreadPool(wave.size(), daemonThreads("stop"));
      try {
        CompletableFuture.allOf(
                wave.stream()
                    .map(
                        server ->
                            CompletableFuture.runAsync(
                                () -> stopQuietly(server, failures), threads))
                    .toArray(CompletableFuture[]::new))
            .join();
      } finally {
        threads.shutdownNow();
      }
      remaining.removeAll(wave);
    }
    if (!failures.isEmpty()) {
      failures.stream().skip(1).forEach(failures.get(0)::addSuppressed);
      throw failures.get(0);
    }
  }

  private static void stopQuietly(Server server, List<RuntimeException> failures) {
    try {
      server.stop();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot stop " + server.name(), e);
      failures.add(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String purpose) {
    return runnable -> {
      Thread thread = new Thread(runnable, "flightdeck-servers-" + purpose);
      thread.setDaemon(true);
      return thread;
    };
  }
}
