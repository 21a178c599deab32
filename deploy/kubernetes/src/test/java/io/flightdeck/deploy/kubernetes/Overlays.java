package io.flightdeck.deploy.kubernetes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** The module's overlays, rendered, and the checks the tests run on them. */
final class Overlays {
  static final List<String> ALL = List.of("overlays/dev", "overlays/prod");

  /** The repository's root, where the services' modules are. */
  static final Path REPOSITORY =
      Path.of(System.getProperty("flightdeck.home", "../..")).toAbsolutePath().normalize();

  static final SchemaValidation SCHEMAS =
      SchemaValidation.withCrds(Path.of("src/test/resources/crds"));

  private Overlays() {}

  /** A fresh rendering of an overlay (the tests may change it). */
  static List<Manifest> render(String overlay) {
    return Kustomize.render(Path.of(overlay));
  }

  static List<String> crossReferences(String overlay, List<Manifest> manifests) {
    return crossReferences(manifests, CrossReferences.externalSecrets(Path.of(overlay)));
  }

  static List<String> crossReferences(
      List<Manifest> manifests, Map<String, Set<String>> externalSecrets) {
    return CrossReferences.problems(manifests, REPOSITORY, externalSecrets);
  }

  /** The document of {@code Kind/name}, to read or change. */
  static ObjectNode find(List<Manifest> manifests, String id) {
    return manifests.stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + id))
        .body();
  }
}
