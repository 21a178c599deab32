package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A shard map as the admin API shows it: keyspace ids as 16 hex digits, ranges {@code [start, end)}
 * with {@code end} null for the end of the keyspace, overrides sorted by AccountSid.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShardMapBody(
    String kind,
    long version,
    Instant createdAt,
    List<Range> ranges,
    List<AccountOverride> overrides) {

  /** A range of the keyspace and the shard owning it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Range(String start, String end, String shard) {
    static Range of(KeyRange range, String shard) {
      return new Range(
          new KeyspaceId(range.start()).toString(), range.toEnd() ? null : range.endText(), shard);
    }
  }

  /** One account pinned to a shard. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AccountOverride(String accountSid, String shard) {}

  /** A change to a map: the whole new map, and the version it replaces. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Change(Long basedOnVersion, List<Range> ranges, List<AccountOverride> overrides) {

    /**
     * The map this change asks for; only the shape is checked here (MapValidation judges the map).
     *
     * @throws InvalidFieldException naming the field that cannot be read
     */
    ShardMap toShardMap() {
      List<ShardMap.Assignment> assignments =
          ranges == null
              ? List.of()
              : IntStream.range(0, ranges.size()).mapToObj(this::assignment).toList();
      Map<String, String> pinned = new LinkedHashMap<>();
      List<AccountOverride> given = overrides == null ? List.of() : overrides;
      for (int i = 0; i < given.size(); i++) {
        String field = "overrides[" + i + "]";
        AccountOverride o = given.get(i);
        if (o == null) {
          throw new InvalidFieldException(field, field + " is missing");
        }
        String account = Sid.parse(SidKind.ACCOUNT, field + ".account_sid", o.accountSid()).value();
        if (pinned.put(account, required(field + ".shard", o.shard())) != null) {
          throw new InvalidFieldException(
              field, "account " + account + " is overridden more than once");
        }
      }
      return new ShardMap(assignments, pinned);
    }

    long basedOn() {
      if (basedOnVersion == null) {
        throw new InvalidFieldException(
            "based_on_version",
            "based_on_version is required: the version of the map this change replaces");
      }
      return basedOnVersion;
    }

    private ShardMap.Assignment assignment(int i) {
      String field = "ranges[" + i + "]";
      Range r = ranges.get(i);
      if (r == null) {
        throw new InvalidFieldException(field, field + " is missing");
      }
      long start = KeyspaceId.parse(field + ".start", r.start()).value();
      long end = r.end() == null ? 0 : KeyspaceId.parse(field + ".end", r.end()).value();
      if (r.end() != null && end == 0) {
        throw new InvalidFieldException(
            field + ".end",
            field
                + ".end 0000000000000000 is below every start: leave end null for the end of the keyspace");
      }
      return new ShardMap.Assignment(
          new KeyRange(start, end), required(field + ".shard", r.shard()));
    }

    private static String required(String field, String value) {
      if (value == null || value.isBlank()) {
        throw new InvalidFieldException(field, field + " is required");
      }
      return value;
    }
  }

  static ShardMapBody of(MapVersion version) {
    ShardMap map = version.map();
    return new ShardMapBody(
        version.kind().wireName(),
        version.version(),
        version.createdAt(),
        map.ranges().stream().map(a -> Range.of(a.range(), a.shard())).toList(),
        map.overrides().entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
            .map(e -> new AccountOverride(e.getKey(), e.getValue()))
            .toList());
  }
}
