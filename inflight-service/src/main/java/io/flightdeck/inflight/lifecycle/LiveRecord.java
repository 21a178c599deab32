package io.flightdeck.inflight.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A live record's row in the in-flight store: the columns the store needs to find and list it, and
 * the whole record ({@link io.flightdeck.record.CallRecord} or {@link
 * io.flightdeck.record.MessageRecord}) as JSON. {@code version} is the record's own version;
 * writers change the row only where it still holds the version they read.
 */
@Entity
@Table(name = "live_record")
public class LiveRecord extends PanacheEntityBase {
  @Id public String sid;

  @Column(name = "account_sid")
  public String accountSid;

  /** {@code call} or {@code message}. */
  public String kind;

  public String status;

  @Column(name = "date_created")
  public Instant dateCreated;

  public long version;

  @Column(name = "record")
  public String record;

  /**
   * The create's W3C trace context, copied into the record's outbox row ({@link
   * io.flightdeck.inflight.outbox.RecordTrace}); null when untraced.
   */
  public String traceparent;
}
