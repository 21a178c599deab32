package io.flightdeck.flags;

import java.util.List;

/**
 * Every per-account flag of Flightdeck, declared here and nowhere else: its name in Unleash, its
 * variants and its documented default. Provisioning ({@link UnleashAdmin#provision()}) creates
 * exactly these in Unleash; the README of this module lists them.
 */
public final class Flags {
  /**
   * Which store answers an account's public lists and gets, and whether the other one is
   * shadow-read and compared. Default {@code split}: in this deployment every record is written to
   * the split stores, so split is the path that always holds an account's records (the stable
   * path); a deployment still serving from the legacy store sets {@code
   * flightdeck.flags.default.read-path=legacy}.
   */
  public static final VariantFlag<ReadPath> READ_PATH =
      new VariantFlag<>(
          "read-path",
          "Which store answers an account's public reads: legacy, shadow-split (serve legacy, compare split),"
              + " split-shadow-legacy (serve split, compare legacy), split. Put the account's Sid in the"
              + " accountSid constraint of the strategy named after the variant.",
          ReadPath.class,
          ReadPath.SPLIT);

  /**
   * Where inflight-service writes an account's records: legacy, dual (born in the split stores and
   * also written to legacy) or split. Default {@code split}: an account Unleash says nothing about
   * is on the split design. A migration from the legacy store moves an account from legacy through
   * dual to split (DESIGN.md, "Migration").
   */
  public static final VariantFlag<WritePath> WRITE_PATH =
      new VariantFlag<>(
          "write-path",
          "Where an account's records are written: legacy (the legacy combined store), dual (born in"
              + " the split stores, every write also made in legacy), split. Put the account's Sid in"
              + " the accountSid constraint of the strategy named after the variant.",
          WritePath.class,
          WritePath.SPLIT);

  /** Every flag, for provisioning and documentation. */
  public static final List<VariantFlag<?>> ALL = List.of(READ_PATH, WRITE_PATH);

  private Flags() {}
}
