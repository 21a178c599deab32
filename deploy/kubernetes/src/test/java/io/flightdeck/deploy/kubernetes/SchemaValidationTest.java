package io.flightdeck.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every manifest of each overlay, rendered here, is valid against its schema. */
class SchemaValidationTest {
  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void everyRenderedManifestIsValid(String overlay) {
    List<Manifest> manifests = Kustomize.render(Path.of(overlay));

    assertThat(Overlays.SCHEMAS.problems(manifests)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void theOverlayHoldsThePlatform(String overlay) {
    Map<String, Long> kinds =
        Kustomize.render(Path.of(overlay)).stream()
            .collect(Collectors.groupingBy(Manifest::kind, TreeMap::new, Collectors.counting()));

    assertThat(kinds)
        .containsEntry("Deployment", 5L)
        .containsEntry("Service", 5L)
        .containsEntry("ConfigMap", 9L)
        .containsEntry("Kafka", 1L)
        .containsEntry("KafkaNodePool", 2L)
        .containsEntry("KafkaTopic", 5L)
        .containsEntry("KafkaUser", 3L)
        .containsEntry("MariaDB", 7L)
        .containsEntry("Cluster", 1L)
        .containsEntry("ServiceMonitor", 4L)
        .containsEntry("PrometheusRule", 1L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void everyResourceIsInTheOverlaysNamespace(String overlay) {
    List<Manifest> manifests = Kustomize.render(Path.of(overlay));

    assertThat(manifests)
        .extracting(m -> m.body().path("metadata").path("namespace").asString())
        .containsOnly(overlay.endsWith("dev") ? "flightdeck-dev" : "flightdeck");
  }
}
