package io.flightdeck.inflight.lifecycle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A Sid this store has given a record, kept for good (the record's row goes when it leaves for
 * post-flight; its claim stays): inserting a claim that exists fails, and that failure is what
 * refuses a second record with a producer's Sid, live or finished, in any account.
 */
@Entity
@Table(name = "sid_claim")
public class SidClaim extends PanacheEntityBase {
  @Id public String sid;

  static SidClaim of(String sid) {
    SidClaim claim = new SidClaim();
    claim.sid = sid;
    return claim;
  }
}
