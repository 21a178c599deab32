package io.flightdeck.flags;

import java.util.Optional;

/**
 * The variants of {@link Flags#READ_PATH}: which store answers an account's public reads, and which
 * one, if any, is read beside it in the background and compared (a shadow read).
 */
public enum ReadPath implements FlagVariant {
  /** Serve from the legacy combined store. */
  LEGACY("legacy", Store.LEGACY, Optional.empty()),
  /** Serve from the legacy store; compare with the split stores in the background. */
  SHADOW_SPLIT("shadow-split", Store.LEGACY, Optional.of(Store.SPLIT)),
  /** Serve from the split stores; compare with the legacy store in the background. */
  SPLIT_SHADOW_LEGACY("split-shadow-legacy", Store.SPLIT, Optional.of(Store.LEGACY)),
  /** Serve from the split stores (in-flight, then post-flight). */
  SPLIT("split", Store.SPLIT, Optional.empty());

  /** Where records are read. */
  public enum Store {
    /** The legacy combined store: one table for every record in every state. */
    LEGACY,
    /** The split design: the in-flight store, then the sharded post-flight store. */
    SPLIT
  }

  private final String variantName;
  private final Store served;
  private final Optional<Store> shadow;

  ReadPath(String variantName, Store served, Optional<Store> shadow) {
    this.variantName = variantName;
    this.served = served;
    this.shadow = shadow;
  }

  @Override
  public String variantName() {
    return variantName;
  }

  @Override
  public boolean stable() {
    return shadow.isEmpty();
  }

  /** The store whose answer the caller gets. */
  public Store served() {
    return served;
  }

  /** The store read in the background and compared with the served answer, if any. */
  public Optional<Store> shadow() {
    return shadow;
  }
}
