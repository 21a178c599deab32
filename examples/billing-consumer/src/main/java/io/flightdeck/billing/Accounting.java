package io.flightdeck.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.event.MalformedEventException;
import io.flightdeck.event.Topics;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.PageSize;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The end-to-end accounting: per account and UTC day (the day a record finished), three counts that
 * must agree — records finished (post-flight's store), records charged (this ledger) and distinct
 * events published ({@code records.completed}, read whole). Any difference is drift.
 */
@ApplicationScoped
public class Accounting {
  private static final int PAGE = PageSize.MAX;
  private static final Duration POLL = Duration.ofMillis(500);

  private final DataSource db;
  private final PostflightRecords postflight;
  private final String bootstrapServers;

  public Accounting(
      DataSource db,
      @RestClient PostflightRecords postflight,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.db = db;
    this.postflight = postflight;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * One line per account and day that any of the three sources knows, limited to {@code day} if
   * given.
   */
  public Report report(Optional<LocalDate> day) throws SQLException {
    Map<Key, long[]> counts = new TreeMap<>();
    charged(day).forEach((key, n) -> counts.computeIfAbsent(key, k -> new long[3])[1] = n);
    published(day).forEach((key, n) -> counts.computeIfAbsent(key, k -> new long[3])[2] = n);
    Set<String> accounts = new HashSet<>();
    counts.keySet().forEach(key -> accounts.add(key.account()));
    for (String account : accounts) {
      finished(account, day)
          .forEach((key, n) -> counts.computeIfAbsent(key, k -> new long[3])[0] = n);
    }
    List<Line> lines = new ArrayList<>();
    counts.forEach(
        (key, n) ->
            lines.add(
                new Line(
                    key.account(), key.day(), n[0], n[1], n[2], n[0] != n[1] || n[1] != n[2])));
    return new Report(lines, lines.stream().filter(Line::drift).count());
  }

  private Map<Key, Long> charged(Optional<LocalDate> day) throws SQLException {
    Map<Key, Long> counts = new HashMap<>();
    try (Connection connection = db.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT account_sid, day, COUNT(*) FROM charge"
                    + (day.isPresent() ? " WHERE day = ?" : "")
                    + " GROUP BY account_sid, day")) {
      if (day.isPresent()) {
        query.setObject(1, day.get());
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(
              new Key(rows.getString(1), rows.getObject(2, LocalDate.class)), rows.getLong(3));
        }
      }
    }
    return counts;
  }

  /**
   * Distinct event ids on the whole topic, read from the first offset to the end, outside any
   * group.
   */
  private Map<Key, Long> published(Optional<LocalDate> day) {
    Map<Key, Set<String>> ids = new HashMap<>();
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.RECORDS_COMPLETED).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> event : consumer.poll(POLL)) {
          try {
            LifecycleRecord record = CompletedRecordEvents.read(event.value());
            Key key = new Key(record.accountSid(), dayOf(record));
            if (day.isEmpty() || day.get().equals(key.day())) {
              ids.computeIfAbsent(key, k -> new HashSet<>())
                  .add(CompletedRecordEvents.eventId(record.sid(), record.version()));
            }
          } catch (MalformedEventException e) {
            // Not a completed record; the ledger keeps it among its rejected events.
          }
        }
      }
    }
    Map<Key, Long> counts = new HashMap<>();
    ids.forEach((key, set) -> counts.put(key, (long) set.size()));
    return counts;
  }

  /**
   * The account's finished calls and messages in post-flight, paged through the internal read API.
   */
  private Map<Key, Long> finished(String account, Optional<LocalDate> day) {
    Map<Key, Long> counts = new HashMap<>();
    count(
        counts,
        day,
        (after) -> postflight.calls(account, PAGE, after.date(), after.sid()).records());
    count(
        counts,
        day,
        (after) -> postflight.messages(account, PAGE, after.date(), after.sid()).records());
    return counts;
  }

  private static <R extends LifecycleRecord> void count(
      Map<Key, Long> counts, Optional<LocalDate> day, Function<After, List<R>> page) {
    After after = new After(null, null);
    while (true) {
      List<R> records = page.apply(after);
      for (R record : records) {
        Key key = new Key(record.accountSid(), dayOf(record));
        if (day.isEmpty() || day.get().equals(key.day())) {
          counts.merge(key, 1L, Long::sum);
        }
      }
      if (records.size() < PAGE) {
        return;
      }
      R last = records.get(records.size() - 1);
      after = new After(last.dateCreated().toString(), last.sid());
    }
  }

  private static LocalDate dayOf(LifecycleRecord record) {
    return record.dateUpdated().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private record After(String date, String sid) {}

  record Key(String account, LocalDate day) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byAccount = account.compareTo(other.account);
      return byAccount != 0 ? byAccount : day.compareTo(other.day);
    }
  }

  /** One account and day: the three counts, and whether they differ. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Line(
      String accountSid,
      LocalDate day,
      long finished,
      long charged,
      long published,
      boolean drift) {}

  /** Every line, and how many drift. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Report(List<Line> days, long drifting) {}
}
