package io.flightdeck.record.v2010;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.Sid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The internal list answer in the public form, media type {@value #MEDIA_TYPE}: what
 * inflight-service and postflight-service answer the aggregator, so that a page is encoded once, by
 * the store's service, and crosses the aggregator without being decoded and encoded again. One line
 * per record, in list order; each line is a JSON array, so the body is NDJSON:
 *
 * <pre>
 * [epoch second, nano of second, "sid", {the record as the public v2010 API shows it}]
 * </pre>
 *
 * The place in the list (date created to the nanosecond, and the Sid) comes first, so the
 * aggregator merges and pages by it without reading the record. A record the public API cannot show
 * ({@link #unshowable}) is a line with its place where it has one, its Sid, {@code null} and the
 * field that makes it unshowable, so the reader can skip it, count it, and read on past it:
 *
 * <pre>
 * [epoch second or null, nano or null, "sid", null, "field"]
 * </pre>
 */
public final class PublicLines {
  public static final String MEDIA_TYPE = "application/vnd.flightdeck.public-lines";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private PublicLines() {}

  /** The record as the public API shows it: {@link PublicCall} or {@link PublicMessage}. */
  public static Object shown(LifecycleRecord record) {
    return record instanceof CallRecord call
        ? PublicCall.of(call)
        : PublicMessage.of((MessageRecord) record);
  }

  /**
   * The field that keeps the public API from showing the record, if any: a Sid not of its kind (it
   * could never be fetched), no date created (it has no place in the list order, and no page token
   * could point past it), no status.
   */
  public static Optional<String> unshowable(LifecycleRecord record) {
    try {
      Sid.parse(record.kind().sidKind(), "sid", record.sid());
    } catch (InvalidFieldException e) {
      return Optional.of("sid");
    }
    if (record.dateCreated() == null) {
      return Optional.of("date_created");
    }
    return record.status() == null ? Optional.of("status") : Optional.empty();
  }

  /** A showable record as a public list holds it (its public JSON, encoded here). */
  public static ListedRecord listed(LifecycleRecord record) {
    try {
      return new ListedRecord(ListPosition.of(record), JSON.writeValueAsBytes(shown(record)));
    } catch (IOException e) {
      throw new UncheckedIOException("a public record always serializes", e);
    }
  }

  /**
   * Writes one line per record, in the order given, in one write: a response stream flushed at
   * every full buffer of the generator cost a third of the encoding.
   */
  public static void write(List<? extends LifecycleRecord> records, OutputStream out)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(records.size() * 1024 + 64);
    try (JsonGenerator lines = JSON.createGenerator(body)) {
      lines.setRootValueSeparator(null);
      for (LifecycleRecord record : records) {
        line(lines, record);
      }
    }
    body.writeTo(out);
  }

  private static void line(JsonGenerator out, LifecycleRecord record) throws IOException {
    out.writeStartArray();
    Instant created = record.dateCreated();
    if (created == null) {
      out.writeNull();
      out.writeNull();
    } else {
      out.writeNumber(created.getEpochSecond());
      out.writeNumber(created.getNano());
    }
    out.writeString(record.sid());
    Optional<String> unshowable = unshowable(record);
    if (unshowable.isPresent()) {
      out.writeNull();
      out.writeString(unshowable.get());
    } else {
      JSON.writeValue(out, shown(record));
    }
    out.writeEndArray();
    out.writeRaw('\n');
  }

  /**
   * The lines of a body, in its order.
   *
   * @throws IllegalArgumentException for a body that is not public lines
   */
  public static List<Line> read(byte[] body) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      if (end > start) {
        lines.add(LineReader.read(body, start, end).orElseGet(slowly(body, start, end)));
      }
      start = end + 1;
    }
    return lines;
  }

  /**
   * A line any way JSON allows (escapes in the Sid, a skipped record), through Jackson's tree: the
   * rare case.
   */
  private static Supplier<Line> slowly(byte[] body, int start, int end) {
    return () -> {
      try {
        JsonNode line = JSON.readTree(body, start, end - start);
        if (line == null || !line.isArray() || line.size() < 4 || !line.get(2).isTextual()) {
          throw new IllegalArgumentException("not a line of public records: " + line);
        }
        String sid = line.get(2).asText();
        Optional<ListPosition> position =
            line.get(0).isIntegralNumber() && line.get(1).isIntegralNumber()
                ? Optional.of(
                    new ListPosition(
                        Instant.ofEpochSecond(line.get(0).asLong(), line.get(1).asLong()), sid))
                : Optional.empty();
        JsonNode record = line.get(3);
        if (record.isObject()) {
          return Line.shown(
              new ListedRecord(position.orElseThrow(), JSON.writeValueAsBytes(record)));
        }
        String field = line.size() > 4 ? line.get(4).asText("other") : "other";
        return new Line(sid, position, Optional.empty(), Optional.of(field));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("not a line of public records", e);
      }
    };
  }

  /**
   * One line: the record, or the field that made the store skip it; its place in the list where it
   * has one.
   */
  public record Line(
      String sid,
      Optional<ListPosition> position,
      Optional<ListedRecord> record,
      Optional<String> skipped) {
    static Line shown(ListedRecord record) {
      return new Line(
          record.sid(), Optional.of(record.position()), Optional.of(record), Optional.empty());
    }
  }
}
