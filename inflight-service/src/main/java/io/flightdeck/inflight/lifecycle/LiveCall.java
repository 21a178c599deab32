package io.flightdeck.inflight.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A live call's row in the in-flight store: the columns the store needs to find and list it, and
 * the whole {@link io.flightdeck.record.CallRecord} as JSON. {@code version} is the record's own
 * version; writers change the row only where it still holds the version they read.
 */
@Entity
@Table(name = "live_call")
public class LiveCall extends PanacheEntityBase {
  @Id public String sid;

  @Column(name = "account_sid")
  public String accountSid;

  public String status;

  @Column(name = "date_created")
  public Instant dateCreated;

  public long version;

  @Column(name = "record")
  public String record;
}
