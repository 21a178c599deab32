package io.flightdeck.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * inflight-service is told every in-flight MariaDB and the control database (DESIGN.md, "In-flight
 * write nodes"), in a mounted properties file: its node names are map keys with a dash, which
 * environment variables name ambiguously. The file's keys are those inflight-service reads
 * (flightdeck.inflight.nodes.&lt;node&gt;.host|port, .db.user, .control.host|port|user); Quarkus
 * reads the file because QUARKUS_CONFIG_LOCATIONS names it where the Deployment mounts it.
 */
class InflightNodesConfigTest {

  private static final String FILE = "/etc/flightdeck/inflight-service/application.properties";

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void theMountedFileListsEveryNodeAndTheControlDatabase(String overlay) throws IOException {
    Map<String, String> file = nodesFile(Overlays.render(overlay));

    assertThat(file)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "flightdeck.inflight.nodes.inflight-0.host", "mariadb-inflight-0-primary",
                "flightdeck.inflight.nodes.inflight-0.port", "3306",
                "flightdeck.inflight.nodes.inflight-1.host", "mariadb-inflight-1-primary",
                "flightdeck.inflight.nodes.inflight-1.port", "3306",
                "flightdeck.inflight.db.user", "flightdeck",
                "flightdeck.inflight.control.host", "mariadb-control-primary",
                "flightdeck.inflight.control.port", "3306",
                "flightdeck.inflight.control.user", "flightdeck"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void everyInflightMariaDbIsANodeAndEveryNodeAMariaDb(String overlay) throws IOException {
    List<Manifest> manifests = Overlays.render(overlay);

    List<String> servers =
        manifests.stream()
            .filter(m -> m.kind().equals("MariaDB") && m.name().startsWith("mariadb-inflight"))
            .map(Manifest::name)
            .toList();
    List<String> nodes =
        nodesFile(manifests).keySet().stream()
            .filter(key -> key.startsWith("flightdeck.inflight.nodes.") && key.endsWith(".host"))
            .map(key -> "mariadb-" + key.split("\\.")[3])
            .toList();
    assertThat(servers).containsExactlyInAnyOrder("mariadb-inflight-0", "mariadb-inflight-1");
    assertThat(nodes).containsExactlyInAnyOrderElementsOf(servers);
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void quarkusReadsTheFileWhereTheDeploymentMountsIt(String overlay) {
    List<Manifest> manifests = Overlays.render(overlay);
    JsonNode pod =
        Overlays.find(manifests, "Deployment/inflight-service").at("/spec/template/spec");

    assertThat(
            Overlays.find(manifests, "ConfigMap/inflight-service-config")
                .path("data")
                .path("QUARKUS_CONFIG_LOCATIONS")
                .asString())
        .isEqualTo(FILE);
    assertThat(pod.at("/containers/0/volumeMounts").valueStream())
        .anySatisfy(
            mount -> {
              assertThat(mount.path("name").asString()).isEqualTo("nodes");
              assertThat(mount.path("mountPath").asString() + "/application.properties")
                  .isEqualTo(FILE);
            });
    assertThat(pod.path("volumes").valueStream())
        .anySatisfy(
            volume -> {
              assertThat(volume.path("name").asString()).isEqualTo("nodes");
              assertThat(volume.at("/configMap/name").asString())
                  .isEqualTo("inflight-service-nodes");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void everyNodeHasTheOneLoginTheServiceIsGiven(String overlay) {
    List<Manifest> manifests = Overlays.render(overlay);
    Map<String, String> passwords = new TreeMap<>();
    for (JsonNode variable :
        Overlays.find(manifests, "Deployment/inflight-service")
            .at("/spec/template/spec/containers/0/env")) {
      JsonNode secret = variable.at("/valueFrom/secretKeyRef");
      passwords.put(
          variable.path("name").asString(),
          secret.path("name").asString() + "/" + secret.path("key").asString());
    }

    for (String node : List.of("mariadb-inflight-0", "mariadb-inflight-1")) {
      JsonNode spec = Overlays.find(manifests, "MariaDB/" + node).path("spec");
      assertThat(spec.path("username").asString()).as(node).isEqualTo("flightdeck");
      assertThat(
              spec.at("/passwordSecretKeyRef/name").asString()
                  + "/"
                  + spec.at("/passwordSecretKeyRef/key").asString())
          .as(node)
          .isEqualTo(passwords.get("FLIGHTDECK_INFLIGHT_DB_PASSWORD"));
    }
    assertThat(passwords)
        .containsEntry("FLIGHTDECK_INFLIGHT_CONTROL_PASSWORD", "mariadb-control/password");
  }

  private static Map<String, String> nodesFile(List<Manifest> manifests) throws IOException {
    Properties file = new Properties();
    file.load(
        new StringReader(
            Overlays.find(manifests, "ConfigMap/inflight-service-nodes")
                .path("data")
                .path("application.properties")
                .asString()));
    Map<String, String> keys = new TreeMap<>();
    file.stringPropertyNames().forEach(key -> keys.put(key, file.getProperty(key)));
    return keys;
  }
}
