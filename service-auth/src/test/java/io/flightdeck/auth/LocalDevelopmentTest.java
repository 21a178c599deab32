package io.flightdeck.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code flightdeck.local-development} as its mapping reads it, the key itself (no sub-key). */
class LocalDevelopmentTest {

  private static LocalDevelopment read(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .withMapping(LocalDevelopment.class)
            .build();
    return config.getConfigMapping(LocalDevelopment.class);
  }

  @Test
  void offUnlessSet() {
    assertThat(read(Map.of()).enabled()).isFalse();
  }

  @Test
  void readsTheKeyItself() {
    assertThat(read(Map.of("flightdeck.local-development", "true")).enabled()).isTrue();
    assertThat(read(Map.of("flightdeck.local-development", "false")).enabled()).isFalse();
  }
}
