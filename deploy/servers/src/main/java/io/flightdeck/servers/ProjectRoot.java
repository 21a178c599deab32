package io.flightdeck.servers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder holding the project's {@code mvnw}: the shared binary cache lives below it, in {@code
 * .flightdeck/bin/}, so every module's tests and the local stack unpack each server only once.
 */
public final class ProjectRoot {

  /** Set by the root POM's surefire and failsafe configuration. */
  public static final String PROPERTY = "flightdeck.home";

  private ProjectRoot() {}

  /**
   * The system property {@value #PROPERTY} if set, else the nearest folder holding {@code mvnw} at
   * or above the working directory.
   *
   * @throws IllegalStateException when neither exists, naming where it looked
   */
  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the project root: no 'mvnw' in "
            + start
            + " or any folder above it, and no -D"
            + PROPERTY
            + "=<folder>");
  }
}
