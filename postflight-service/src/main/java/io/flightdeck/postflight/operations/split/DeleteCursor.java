package io.flightdeck.postflight.operations.split;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far {@code delete-moved} got: the table it works on (the source's tables first, then the
 * target's), the last id it has looked at there, and the rows each side deleted. Written into the
 * step's progress after every chunk, in words an operator reads and the step parses back when it
 * resumes, so a driver killed mid-step goes on where it stopped.
 *
 * @param table 0 and 1: the source's tables in {@link SnapshotClone#TABLES} order; 2 and 3: the
 *     target's; 4: done
 */
record DeleteCursor(int table, long afterId, long deletedOnSource, long deletedOnTarget) {
  static final DeleteCursor START = new DeleteCursor(0, 0, 0, 0);
  private static final List<String> SIDES = List.of("source", "target");
  private static final int TABLES = SnapshotClone.TABLES.size();
  private static final Pattern TEXT =
      Pattern.compile(
          "rows deleted: source \\S+ (\\d+), target \\S+ (\\d+); (?:done|next: (source|target)"
              + " (\\w+) after id (\\d+))");

  boolean done() {
    return table == SIDES.size() * TABLES;
  }

  boolean onSource() {
    return table < TABLES;
  }

  String tableName() {
    return SnapshotClone.TABLES.get(table % TABLES);
  }

  /** After a chunk that looked at rows up to {@code lastId} and deleted {@code deleted}. */
  DeleteCursor after(long lastId, long deleted) {
    return new DeleteCursor(
        table,
        lastId,
        deletedOnSource + (onSource() ? deleted : 0),
        deletedOnTarget + (onSource() ? 0 : deleted));
  }

  /** The next table, from its first row. */
  DeleteCursor nextTable() {
    return new DeleteCursor(table + 1, 0, deletedOnSource, deletedOnTarget);
  }

  String text(Split split) {
    String counts =
        "rows deleted: source %s %d, target %s %d"
            .formatted(split.source(), deletedOnSource, split.target(), deletedOnTarget);
    return done()
        ? counts + "; done"
        : counts
            + "; next: %s %s after id %d"
                .formatted(SIDES.get(table / TABLES), tableName(), afterId);
  }

  /** The cursor a progress text holds; empty for any other text (the step starts from zero). */
  static Optional<DeleteCursor> parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.find()) {
      return Optional.empty();
    }
    long source = Long.parseLong(m.group(1));
    long target = Long.parseLong(m.group(2));
    if (m.group(3) == null) {
      return Optional.of(new DeleteCursor(SIDES.size() * TABLES, 0, source, target));
    }
    int table = SnapshotClone.TABLES.indexOf(m.group(4));
    if (table < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new DeleteCursor(
            SIDES.indexOf(m.group(3)) * TABLES + table,
            Long.parseLong(m.group(5)),
            source,
            target));
  }
}
