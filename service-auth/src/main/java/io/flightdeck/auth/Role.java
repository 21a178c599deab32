package io.flightdeck.auth;

/**
 * The three kinds of caller of Flightdeck's non-public APIs, each with credentials of its own, so
 * that a leaked credential of one cannot do the work of another.
 */
public enum Role {
  /**
   * A telephony or messaging engine: creates records and moves them through their states
   * (inflight-service).
   */
  PRODUCER("producer", "flightdeck.auth.producer-token-hashes"),
  /**
   * Another Flightdeck service reading records: the aggregator, the billing consumer. Never writes.
   */
  SERVICE("service", "flightdeck.auth.service-token-hashes"),
  /**
   * A person or tool running the platform: accounts, shard maps and every operation under {@code
   * /admin/}.
   */
  OPERATOR("operator", "flightdeck.auth.operator-token-hashes");

  private final String label;
  private final String hashesKey;

  Role(String label, String hashesKey) {
    this.label = label;
    this.hashesKey = hashesKey;
  }

  /** The role's name in answers and logs. */
  public String label() {
    return label;
  }

  /** The configuration key listing the SHA-256 hashes of this role's tokens. */
  public String hashesKey() {
    return hashesKey;
  }
}
