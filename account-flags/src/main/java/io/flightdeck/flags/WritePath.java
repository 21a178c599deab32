package io.flightdeck.flags;

/**
 * The variants of {@link Flags#WRITE_PATH}: where inflight-service creates an account's new
 * records, and whether what it writes in the split stores is also written to the legacy combined
 * store.
 */
public enum WritePath implements FlagVariant {
  /**
   * New records are born in the legacy combined store, which holds them through their whole life;
   * their completions are relayed from its outbox like any other.
   */
  LEGACY("legacy"),
  /**
   * New records are born in the split stores, and every write of the account's records there is
   * also written to the legacy store, so that the legacy store keeps holding all of the account
   * (its reads, and a rollback, rely on it). Records born in the legacy store live there until they
   * end.
   */
  DUAL("dual"),
  /** The split stores only: the in-flight nodes, then the post-flight shards. */
  SPLIT("split");

  private final String variantName;

  WritePath(String variantName) {
    this.variantName = variantName;
  }

  @Override
  public String variantName() {
    return variantName;
  }

  /** Every write path is stable: no variant compares two stores. */
  @Override
  public boolean stable() {
    return true;
  }

  /** Whether the account's records in the split stores are also written to the legacy store. */
  public boolean mirrorsToLegacy() {
    return this != SPLIT;
  }
}
