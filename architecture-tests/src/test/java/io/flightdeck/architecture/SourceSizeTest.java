package io.flightdeck.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.servers.ProjectRoot;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main-code Java file is longer than {@value #MOST_LINES} lines: past that a class usually holds
 * two ideas, and the second deserves a name of its own. Test code is not held to it.
 */
class SourceSizeTest {
  static final int MOST_LINES = 300;

  /** Folders holding no source of ours: builds' output, servers' data, downloaded packages. */
  private static final Set<String> NOT_SOURCE = Set.of("target", "node_modules");

  @Test
  void noMainSourceFileIsLongerThanTheLimit() throws IOException {
    Path root = ProjectRoot.locate();
    List<String> tooLong = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            boolean skipped =
                name.startsWith(".")
                    || NOT_SOURCE.contains(name)
                    || dir.endsWith(Path.of("src", "test"));
            return !dir.equals(root) && skipped
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            String path = root.relativize(file).toString().replace('\\', '/');
            if (path.endsWith(".java") && path.contains("src/main/java/")) {
              try (Stream<String> lines = Files.lines(file)) {
                long count = lines.count();
                if (count > MOST_LINES) {
                  tooLong.add(path + " (" + count + " lines)");
                }
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
    assertThat(tooLong)
        .as(
            "main-code files over %d lines; move one of the ideas in each to a class of its own",
            MOST_LINES)
        .isEmpty();
  }
}
