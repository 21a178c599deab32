package io.flightdeck.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getunleash.FakeUnleash;
import io.getunleash.variant.Variant;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountFlagsTest {
  private static final String ACCOUNT = "AC" + "a".repeat(32);

  private static FlagFreshness fetched() {
    FlagFreshness freshness = new FlagFreshness(Clock.systemUTC(), Duration.ofSeconds(10));
    freshness.togglesFetched(io.getunleash.event.ClientFeaturesResponse.notChanged());
    return freshness;
  }

  @Test
  void theVariantUnleashNamesIsTheAnswer() {
    FakeUnleash unleash = new FakeUnleash();
    unleash.enable(Flags.READ_PATH.name());
    unleash.setVariant(Flags.READ_PATH.name(), new Variant("shadow-split", (String) null, true));
    AccountFlags flags = new AccountFlags(Optional.of(unleash), fetched(), Map.of());
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.SHADOW_SPLIT);
  }

  @Test
  void aFlagThatIsOffOrAVariantThisBuildDoesNotKnowIsTheDefault() {
    FakeUnleash unleash = new FakeUnleash();
    FlagFreshness freshness = fetched();
    AccountFlags flags = new AccountFlags(Optional.of(unleash), freshness, Map.of());
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.SPLIT);
    unleash.enable(Flags.READ_PATH.name());
    unleash.setVariant(Flags.READ_PATH.name(), new Variant("legacy", (String) null, true));
    freshness.togglesFetched(io.getunleash.event.ClientFeaturesResponse.notChanged());
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.LEGACY);
    unleash.setVariant(Flags.READ_PATH.name(), new Variant("split-v2", (String) null, true));
    freshness.togglesFetched(io.getunleash.event.ClientFeaturesResponse.notChanged());
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.SPLIT);
  }

  @Test
  void aVariantIsReusedUntilTheClientMayHaveChangedItsFlags() {
    FakeUnleash unleash = new FakeUnleash();
    unleash.enable(Flags.READ_PATH.name());
    unleash.setVariant(Flags.READ_PATH.name(), new Variant("shadow-split", (String) null, true));
    FlagFreshness freshness = fetched();
    AccountFlags flags = new AccountFlags(Optional.of(unleash), freshness, Map.of());
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.SHADOW_SPLIT);

    // The real client changes its flags only between reporting a fetch and writing its backup.
    unleash.setVariant(Flags.READ_PATH.name(), new Variant("legacy", (String) null, true));
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.SHADOW_SPLIT);
    freshness.featuresBackedUp(new io.getunleash.event.FeatureSet("{}"));
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.LEGACY);

    unleash.setVariant(Flags.READ_PATH.name(), new Variant("split", (String) null, true));
    freshness.togglesFetched(io.getunleash.event.ClientFeaturesResponse.notChanged());
    assertThat(flags.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.SPLIT);
    assertThat(flags.variantNow(Flags.READ_PATH, "AC" + "b".repeat(32))).isEqualTo(ReadPath.SPLIT);
  }

  @Test
  void theDefaultIsConfigurableButOnlyToAStablePath() {
    AccountFlags legacy =
        new AccountFlags(Optional.empty(), fetched(), Map.of("read-path", "legacy"));
    assertThat(legacy.variantNow(Flags.READ_PATH, ACCOUNT)).isEqualTo(ReadPath.LEGACY);
    assertThatThrownBy(
            () ->
                new AccountFlags(Optional.empty(), fetched(), Map.of("read-path", "shadow-split")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flightdeck.flags.default.read-path")
        .hasMessageContaining("[legacy, split]");
  }

  @Test
  void aFlagIsDeclaredOnlyWithAStableDefault() {
    assertThatThrownBy(() -> new VariantFlag<>("x", "", ReadPath.class, ReadPath.SHADOW_SPLIT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReadPath.SHADOW_SPLIT.served()).isEqualTo(ReadPath.Store.LEGACY);
    assertThat(ReadPath.SHADOW_SPLIT.shadow()).contains(ReadPath.Store.SPLIT);
  }

  @Test
  void requestsWaitForTheFirstFetchButNotForAnUnleashThatIsDown() {
    FlagFreshness freshness = new FlagFreshness(Clock.systemUTC(), Duration.ofSeconds(30));
    AccountFlags flags = new AccountFlags(Optional.of(new FakeUnleash()), freshness, Map.of());
    var pending = flags.variant(Flags.READ_PATH, ACCOUNT).subscribeAsCompletionStage();
    assertThat(pending).isNotDone();
    freshness.onError(
        new io.getunleash.UnleashException(
            "Error when fetching features", new java.net.ConnectException()));
    assertThat(pending).isCompletedWithValue(ReadPath.SPLIT);
    assertThat(freshness.stale()).isTrue();
  }

  @Test
  void aMissingBackupFileIsNotAFailedFetch() {
    FlagFreshness freshness = new FlagFreshness(Clock.systemUTC(), Duration.ofSeconds(30));
    freshness.onError(new io.getunleash.UnleashException("Failed to read backup file: x", null));
    assertThat(freshness.firstFetchDone()).isFalse();
  }

  @Test
  void theFirstFetchIsNotWaitedForLongerThanItsTimeout() {
    FlagFreshness freshness = new FlagFreshness(Clock.systemUTC(), Duration.ofMillis(50));
    AccountFlags flags = new AccountFlags(Optional.of(new FakeUnleash()), freshness, Map.of());
    assertThat(flags.variant(Flags.READ_PATH, ACCOUNT).await().atMost(Duration.ofSeconds(2)))
        .isEqualTo(ReadPath.SPLIT);
  }
}
