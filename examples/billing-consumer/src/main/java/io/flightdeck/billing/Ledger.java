package io.flightdeck.billing;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.LifecycleRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The billing database's ledger. A batch of events is charged in one transaction: each event's id
 * goes into {@code charge} with its charge, and the account's total grows, only if the id was not
 * there yet. So an event delivered twice (a redelivery after a crash, a replay) charges once.
 *
 * <p>An event that cannot be charged (not a completed-record event, or one lacking what a charge
 * needs, or one the tariff cannot rate) goes to {@code rejected_event} with the reason and the rest
 * of the batch is charged: one poison event never stops billing. Any failure of the database rolls
 * the whole batch back, checked {@link SQLException}s included (JTA's default commits on a checked
 * exception, which charged half a batch).
 */
@ApplicationScoped
public class Ledger {
  private final DataSource db;
  private final Counter charged;
  private final Counter duplicates;
  private final Counter rejected;

  public Ledger(DataSource db, MeterRegistry metrics) {
    this.db = db;
    this.charged = metrics.counter("billing_events_total", "outcome", "charged");
    this.duplicates = metrics.counter("billing_events_total", "outcome", "duplicate");
    this.rejected = metrics.counter("billing_events_total", "outcome", "rejected");
  }

  @Transactional(rollbackOn = Exception.class)
  public void charge(Iterable<ConsumerRecord<String, byte[]>> events) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement entry =
            connection.prepareStatement(
                "INSERT IGNORE INTO charge (event_id, account_sid, sid, kind, status, day, units, amount_micros)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement total =
            connection.prepareStatement(
                "INSERT INTO account_total (account_sid, records, units, amount_micros) VALUES (?, 1, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE records = records + 1, units = units + VALUES(units),"
                    + " amount_micros = amount_micros + VALUES(amount_micros)");
        PreparedStatement reject =
            connection.prepareStatement(
                "INSERT IGNORE INTO rejected_event (topic_partition, topic_offset, reason) VALUES (?, ?, ?)")) {
      for (ConsumerRecord<String, byte[]> event : events) {
        LifecycleRecord record;
        Tariff.Rated rated;
        try {
          record = CompletedRecordEvents.read(event.value());
          Chargeable.check(record);
          rated = Tariff.rate(record);
        } catch (
            RuntimeException
                e) { // reading, checking and rating depend on the event alone: it is at fault
          reject.setInt(1, event.partition());
          reject.setLong(2, event.offset());
          reject.setString(3, abbreviated(e.getMessage()));
          reject.executeUpdate();
          rejected.increment();
          continue;
        }
        entry.setString(1, CompletedRecordEvents.eventId(record.sid(), record.version()));
        entry.setString(2, record.accountSid());
        entry.setString(3, record.sid());
        entry.setString(4, record.kind().name().toLowerCase());
        entry.setString(5, record.status().wireName());
        entry.setDate(6, Date.valueOf(record.dateUpdated().atZone(ZoneOffset.UTC).toLocalDate()));
        entry.setLong(7, rated.units());
        entry.setLong(8, rated.amountMicros());
        if (entry.executeUpdate() == 0) {
          duplicates.increment();
          continue;
        }
        total.setString(1, record.accountSid());
        total.setLong(2, rated.units());
        total.setLong(3, rated.amountMicros());
        total.executeUpdate();
        charged.increment();
      }
    }
  }

  private static String abbreviated(String reason) {
    String text = reason == null ? "unreadable" : reason;
    return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
  }
}
