package io.flightdeck.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One server's OS process. It is started detached ({@code setsid}, output appended to the server's
 * log, no pipes to this JVM) so the stack's servers outlive the command that started them, and it
 * is found again from its pid file, by any JVM, to be reused, stopped or killed.
 */
final class ServerProcess {

  private static final System.Logger LOG = System.getLogger(ServerProcess.class.getName());
  private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(15);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final String name;
  private final ServerFiles files;

  /** Only set while this JVM launched the current process: the one source of its exit code. */
  private volatile Process child;

  private volatile long logOffset;

  ServerProcess(String name, ServerFiles files) {
    this.name = name;
    this.files = files;
  }

  /**
   * Starts the server with {@code startFresh} unless its recorded process is alive and {@code
   * answers}; serialised across threads and JVMs so racing callers start it once.
   *
   * @return true when this call started it
   */
  boolean ensureRunning(BooleanSupplier answers, Runnable startFresh) {
    try (CrossProcessLock lock = CrossProcessLock.acquire(files.lock(), LOCK_TIMEOUT)) {
      Optional<ProcessHandle> live = live();
      if (live.isPresent() && answers.getAsBoolean()) {
        return false;
      }
      if (live.isPresent()) {
        // Alive but deaf: a hung leftover of an earlier run; it would hold the data files.
        LOG.log(
            System.Logger.Level.WARNING,
            "{0} (pid {1}) does not answer; killing it",
            name,
            live.get().pid());
        kill();
      }
      try {
        startFresh.run();
        return true;
      } catch (RuntimeException e) {
        // Cleared for the clean-up (interrupted file I/O fails), then restored.
        boolean interrupted = Thread.interrupted();
        kill();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        throw e;
      }
    }
  }

  /** Launches {@code command} detached; its output goes to the log, its pid to the pid file. */
  void launch(List<String> command, Map<String, String> environment, Path workDir) {
    List<String> detached = new ArrayList<>();
    detached.add("setsid");
    detached.addAll(command);
    try {
      Files.createDirectories(files.dir());
      logOffset = LogFile.size(files.log());
      Files.writeString(
          files.log(),
          "---- " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(detached)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      child = builder.start();
      Files.writeString(files.pidFile(), child.pid() + "\n");
    } catch (IOException e) {
      throw new ServerStartException(
          name, "cannot launch " + command.get(0) + ": " + e.getMessage(), files.log(), e);
    }
  }

  /** Waits until {@code ready}, failing early and clearly when the process exits. */
  void awaitReady(Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Process process = child;
      if (process != null && !process.isAlive()) {
        throw new ServerStartException(
            name, "process exited with code " + process.exitValue(), files.log());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new ServerStartException(
            name, "not ready after " + timeout.toSeconds() + " s", files.log());
      }
      sleep(200);
    }
  }

  /** What the server logged since this JVM launched it. */
  String logSinceLaunch() {
    return LogFile.readFrom(files.log(), logOffset);
  }

  /** The live process recorded in the pid file, if it still is this server (pids get reused). */
  Optional<ProcessHandle> live() {
    return recordedPid().stream()
        .boxed()
        .findFirst()
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(this::isThisServer);
  }

  private boolean isThisServer(ProcessHandle handle) {
    // Every server's command line names a path inside its own folder.
    return handle
        .info()
        .commandLine()
        .map(line -> line.contains(files.dir().toString()))
        .orElse(true);
  }

  private OptionalLong recordedPid() {
    try {
      return Files.isRegularFile(files.pidFile())
          ? OptionalLong.of(Long.parseLong(Files.readString(files.pidFile()).trim()))
          : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Asks the server to stop with {@code signal} (TERM, or INT where that is the fast clean
   * shutdown), kills it after {@code grace}, and kills any process it left behind.
   *
   * @return true when a running server was stopped
   */
  boolean stop(String signal, Duration grace) {
    Optional<ProcessHandle> live = live();
    if (live.isEmpty()) {
      forgetPid();
      return false;
    }
    ProcessHandle handle = live.get();
    List<ProcessHandle> family = handle.descendants().toList();
    if ("TERM".equals(signal)) {
      handle.destroy();
    } else {
      new Command(List.of("kill", "-" + signal, String.valueOf(handle.pid()))).run(KILL_WAIT);
    }
    if (!awaitExit(handle, grace)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} (pid {1}) still running {2} s after SIG{3}; killing it",
          name,
          handle.pid(),
          grace.toSeconds(),
          signal);
      handle.destroyForcibly();
      awaitExit(handle, KILL_WAIT);
    }
    family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    forgetPid();
    return true;
  }

  /** {@code kill -9} of the server and its children, as in a crash; data is left as it is. */
  boolean kill() {
    Optional<ProcessHandle> live = live();
    live.ifPresent(
        handle -> {
          List<ProcessHandle> family = handle.descendants().toList();
          handle.destroyForcibly();
          family.forEach(ProcessHandle::destroyForcibly);
          awaitExit(handle, KILL_WAIT);
        });
    Process process = child;
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    forgetPid();
    return live.isPresent();
  }

  private void forgetPid() {
    child = null;
    try {
      Files.deleteIfExists(files.pidFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
