package io.flightdeck.postflight.operations.split;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far {@code copy-back} got: the target's table it reads ({@link SnapshotClone#TABLES} order),
 * the last id it has looked at there, and the rows it has upserted on the source. Written into the
 * step's progress after every chunk, in words an operator reads and the step parses back when it
 * resumes ({@link io.flightdeck.postflight.operations.StepContext#lastProgress()}).
 *
 * @param table the index in {@link SnapshotClone#TABLES}; its size: every table copied
 */
record CopyCursor(int table, long afterId, long copied) {
  static final CopyCursor START = new CopyCursor(0, 0, 0);
  private static final Pattern TEXT =
      Pattern.compile("rows copied back: (\\d+); (?:copied|next: (\\w+) after id (\\d+))");

  boolean done() {
    return table == SnapshotClone.TABLES.size();
  }

  String tableName() {
    return SnapshotClone.TABLES.get(table);
  }

  /** After a chunk that looked at rows up to {@code lastId} and upserted {@code rows} of them. */
  CopyCursor after(long lastId, long rows) {
    return new CopyCursor(table, lastId, copied + rows);
  }

  /** The next table, from its first row. */
  CopyCursor nextTable() {
    return new CopyCursor(table + 1, 0, copied);
  }

  String text() {
    return done()
        ? "rows copied back: %d; copied".formatted(copied)
        : "rows copied back: %d; next: %s after id %d".formatted(copied, tableName(), afterId);
  }

  /** The cursor a progress text holds; empty for any other text (the copy starts from zero). */
  static Optional<CopyCursor> parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.find()) {
      return Optional.empty();
    }
    long copied = Long.parseLong(m.group(1));
    if (m.group(2) == null) {
      return Optional.of(new CopyCursor(SnapshotClone.TABLES.size(), 0, copied));
    }
    int table = SnapshotClone.TABLES.indexOf(m.group(2));
    return table < 0
        ? Optional.empty()
        : Optional.of(new CopyCursor(table, Long.parseLong(m.group(3)), copied));
  }
}
