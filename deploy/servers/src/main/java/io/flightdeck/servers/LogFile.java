package io.flightdeck.servers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading a server's log: its end for error messages, what was written since a start for readiness.
 */
final class LogFile {

  private static final int TAIL_BYTES = 16 * 1024;

  private LogFile() {}

  /** The last {@code lines} lines, or "" when the file is missing or unreadable. */
  static String tail(Path log, int lines) {
    String text = readFrom(log, Math.max(0, size(log) - TAIL_BYTES));
    String[] all = text.split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length)).stripTrailing();
  }

  static long size(Path log) {
    try {
      return Files.isRegularFile(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The text written from byte {@code offset} on. */
  static String readFrom(Path log, long offset) {
    if (!Files.isRegularFile(log)) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      if (offset >= length) {
        return "";
      }
      byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - offset)];
      file.seek(offset);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
