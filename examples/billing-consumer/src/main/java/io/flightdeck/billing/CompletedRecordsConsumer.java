package io.flightdeck.billing;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code records.completed} a poll at a time and charges each poll in one transaction. The
 * batch is acknowledged when this method returns, after the commit; only then may its offsets be
 * committed. A database failure fails the channel (health turns DOWN) rather than skipping events:
 * a restart resumes from the last committed offset.
 */
@ApplicationScoped
public class CompletedRecordsConsumer {
  private final Ledger ledger;

  public CompletedRecordsConsumer(Ledger ledger) {
    this.ledger = ledger;
  }

  @Incoming("records-completed")
  @Blocking
  public void charge(ConsumerRecords<String, byte[]> events) throws SQLException {
    ledger.charge(events);
  }
}
