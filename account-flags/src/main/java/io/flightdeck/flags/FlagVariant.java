package io.flightdeck.flags;

/**
 * One variant of a {@link VariantFlag}: its name in Unleash (a strategy variant's name) and whether
 * it is a stable path, one that may serve as the flag's default. Implemented by the enum that lists
 * a flag's variants.
 */
public interface FlagVariant {
  /** The variant's name in Unleash, e.g. {@code shadow-split}. */
  String variantName();

  /**
   * Whether this variant is a stable path: served without experiments, fit to be what every account
   * gets when Unleash has never been reached. Only stable variants may be a flag's default.
   */
  boolean stable();
}
