package io.flightdeck.inflight.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** Which record a producer's Idempotency-Key created, so a retried create answers the same. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey extends PanacheEntityBase {
  @EmbeddedId public Key id;

  public String sid;

  @Column(name = "created_at")
  public Instant createdAt;

  /** The key is scoped to the account: two accounts may use the same string. */
  @Embeddable
  public record Key(
      @Column(name = "account_sid") String accountSid,
      @Column(name = "idempotency_key") String idempotencyKey)
      implements Serializable {}
}
