package io.flightdeck.postflight.operations.migration;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.sql.RecordColumns;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A record that differs between the legacy store and its shard: its Sid and the public fields that
 * differ ({@code missing} when the shard lacks it). Records are compared by a checksum of their
 * public fields (record-contract's column values without {@code version}, an internal counter); the
 * fields are named only for a record whose checksums differ.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordDifference(String sid, List<String> fields) {
  private static final String INTERNAL = "version";

  /** The difference between the legacy record and the shard's (null: missing), if any. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Optional<RecordDifference> of(LifecycleRecord legacy, LifecycleRecord shard) {
    if (shard == null) {
      return Optional.of(new RecordDifference(legacy.sid(), List.of("missing")));
    }
    RecordColumns columns = ShardRecords.columns(legacy.kind());
    Object[] a = columns.values(legacy);
    Object[] b = columns.values(shard);
    if (checksum(columns.names(), a).equals(checksum(columns.names(), b))) {
      return Optional.empty();
    }
    List<String> names = columns.names();
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals(INTERNAL) && !Objects.equals(a[i], b[i])) {
        fields.add(names.get(i));
      }
    }
    return Optional.of(new RecordDifference(legacy.sid(), fields));
  }

  /** SHA-256 over the public fields' values, each as text, in column order. */
  static String checksum(List<String> names, Object[] values) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < names.size(); i++) {
        if (!names.get(i).equals(INTERNAL)) {
          digest.update(String.valueOf(values[i]).getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
