package io.flightdeck.flags;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A per-account flag whose value is one of a closed set of variants (an enum), with the variant
 * every account gets when Unleash has nothing to say: the account matches no strategy, the flag is
 * off or unknown, Unleash sent a variant name this build does not know, or Unleash has never been
 * reached and no backup exists. The default is always a {@link FlagVariant#stable() stable}
 * variant.
 *
 * @param name the flag's name in Unleash
 * @param description what the flag decides, shown in the Unleash UI
 * @param variants the enum of the flag's variants
 * @param defaultVariant the documented default (services may choose another stable one by
 *     configuration)
 */
public record VariantFlag<V extends Enum<V> & FlagVariant>(
    String name, String description, Class<V> variants, V defaultVariant) {
  public VariantFlag {
    if (!defaultVariant.stable()) {
      throw new IllegalArgumentException(
          name
              + ": the default variant must be a stable path, not "
              + defaultVariant.variantName());
    }
  }

  /** Every variant, in declaration order. */
  public List<V> all() {
    return Arrays.asList(variants.getEnumConstants());
  }

  /** The variant called {@code variantName} in Unleash, if this build knows it. */
  public Optional<V> variant(String variantName) {
    return all().stream().filter(v -> v.variantName().equals(variantName)).findFirst();
  }

  /**
   * The stable variant called {@code variantName}, for a configured default.
   *
   * @throws IllegalArgumentException naming the stable variants when it is unknown or not stable
   */
  public V stableVariant(String variantName) {
    return variant(variantName)
        .filter(FlagVariant::stable)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "flightdeck.flags.default.%s: '%s' is not a stable variant of %s; use one of %s"
                        .formatted(
                            name,
                            variantName,
                            name,
                            all().stream()
                                .filter(FlagVariant::stable)
                                .map(FlagVariant::variantName)
                                .toList())));
  }
}
