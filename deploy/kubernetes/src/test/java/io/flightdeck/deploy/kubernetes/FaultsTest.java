package io.flightdeck.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Each check fails on a broken manifest or overlay, naming what is broken. */
class FaultsTest {
  private final List<Manifest> prod = Overlays.render("overlays/prod");

  private List<String> crossReferences() {
    return Overlays.crossReferences("overlays/prod", prod);
  }

  private ObjectNode container(String deployment) {
    return (ObjectNode)
        Overlays.find(prod, "Deployment/" + deployment).at("/spec/template/spec/containers/0");
  }

  private ObjectNode env(String deployment, String name) {
    for (var variable : container(deployment).path("env")) {
      if (variable.path("name").asString().equals(name)) {
        return (ObjectNode) variable;
      }
    }
    throw new AssertionError("no env " + name);
  }

  private ObjectNode data(String configMap) {
    return (ObjectNode) Overlays.find(prod, "ConfigMap/" + configMap).path("data");
  }

  @Test
  void tracingTurnedOnWithoutItsCollectorIsNamed() {
    data("postflight-service-config").put("FLIGHTDECK_TRACING_ENABLED", "true");

    assertThat(crossReferences())
        .containsExactly(
            "Deployment/postflight-service: turns tracing on with no"
                + " QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
  }

  @Test
  void aCollectorThatIsNoServiceIsNamed() {
    data("aggregator-config").put("FLIGHTDECK_TRACING_ENABLED", "true");
    data("aggregator-config")
        .put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317");

    assertThat(crossReferences())
        .containsExactly(
            "ConfigMap/aggregator-config QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT:"
                + " no Service 'otel-collector'");
  }

  @Test
  void aMissingSecretKeyIsNamed() {
    ((ObjectNode) env("aggregator", "QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef"))
        .put("key", "pasword");

    assertThat(crossReferences())
        .containsExactly(
            "Deployment/aggregator env QUARKUS_DATASOURCE_PASSWORD:"
                + " Secret 'mariadb-control' has no key 'pasword'");
  }

  @Test
  void aMissingSecretIsNamed() {
    Map<String, Set<String>> external =
        new HashMap<>(CrossReferences.externalSecrets(Path.of("overlays/prod")));
    external.remove("flightdeck-paging");

    assertThat(Overlays.crossReferences(prod, external))
        .containsExactly(
            "Deployment/aggregator env FLIGHTDECK_PAGING_TOKEN_SECRET:"
                + " no Secret 'flightdeck-paging' (key 'token-secret')");
  }

  @Test
  void aSecretThatNoKafkaUserCreatesIsNamed() {
    prod.removeIf(m -> m.id().equals("KafkaUser/billing-consumer"));

    assertThat(crossReferences())
        .contains(
            "Deployment/billing-consumer env KAFKA_SASL_JAAS_CONFIG:"
                + " no Secret 'billing-consumer' (key 'sasl.jaas.config')",
            "Deployment/billing-consumer: reads KAFKA_SASL_JAAS_CONFIG from no KafkaUser's Secret");
  }

  @Test
  void aUrlToAMissingServiceIsNamed() {
    data("aggregator-config").put("FLIGHTDECK_INFLIGHT_URL", "http://inflight:8081");

    assertThat(crossReferences())
        .containsExactly(
            "ConfigMap/aggregator-config FLIGHTDECK_INFLIGHT_URL: no Service 'inflight'");
  }

  @Test
  void aRemovedServiceIsNamedWhereverItIsUsed() {
    prod.removeIf(m -> m.id().equals("Service/postflight-service"));

    assertThat(crossReferences())
        .containsExactlyInAnyOrder(
            "ConfigMap/aggregator-config FLIGHTDECK_POSTFLIGHT_URL: no Service 'postflight-service'",
            "ConfigMap/billing-consumer-config FLIGHTDECK_POSTFLIGHT_URL:"
                + " no Service 'postflight-service'");
  }

  @Test
  void aWrongPortOrDatabaseHostIsNamed() {
    data("aggregator-config").put("FLIGHTDECK_INFLIGHT_URL", "http://inflight-service:8080");
    data("postflight-service-config")
        .put("FLIGHTDECK_POSTFLIGHT_SHARDS__SHARD_1__HOST", "mariadb-shard-2-primary");

    assertThat(crossReferences())
        .containsExactlyInAnyOrder(
            "ConfigMap/aggregator-config FLIGHTDECK_INFLIGHT_URL:"
                + " Service 'inflight-service' has no port 8080",
            "ConfigMap/postflight-service-config FLIGHTDECK_POSTFLIGHT_SHARDS__SHARD_1__HOST:"
                + " no Service 'mariadb-shard-2-primary'");
  }

  @Test
  void aNodeOnAMissingServerIsNamed() {
    data("inflight-service-nodes")
        .put(
            "application.properties",
            data("inflight-service-nodes")
                .path("application.properties")
                .asString()
                .replace("mariadb-inflight-1-primary", "mariadb-inflight-2-primary"));

    assertThat(crossReferences())
        .containsExactly(
            "ConfigMap/inflight-service-nodes application.properties"
                + " flightdeck.inflight.nodes.inflight-1.host: no Service 'mariadb-inflight-2-primary'");
  }

  @Test
  void aConfigurationFileThatIsNotMountedIsNamed() {
    data("inflight-service-config")
        .put("QUARKUS_CONFIG_LOCATIONS", "/etc/flightdeck/inflight/application.properties");

    assertThat(crossReferences())
        .containsExactly(
            "Deployment/inflight-service env QUARKUS_CONFIG_LOCATIONS:"
                + " /etc/flightdeck/inflight/application.properties is no key of a ConfigMap the"
                + " container mounts");
  }

  @Test
  void aMissingTopicIsNamed() {
    prod.removeIf(m -> m.id().equals("KafkaTopic/records-completed-retry"));

    assertThat(crossReferences())
        .containsExactlyInAnyOrder(
            "Deployment/postflight-service channel records-completed-retry:"
                + " no KafkaTopic for topic 'records.completed.retry'",
            "Deployment/postflight-service channel records-completed-retry-out:"
                + " no KafkaTopic for topic 'records.completed.retry'",
            "KafkaUser/postflight-service: ACL on topic 'records.completed.retry',"
                + " which has no KafkaTopic");
  }

  @Test
  void aMissingAclIsNamed() {
    ObjectNode user = Overlays.find(prod, "KafkaUser/inflight-service");
    ArrayNode acls = (ArrayNode) user.at("/spec/authorization/acls");
    acls.remove(0); // Write on records.completed

    assertThat(crossReferences())
        .containsExactly(
            "Deployment/inflight-service channel records-completed:"
                + " KafkaUser/inflight-service may not Write topic 'records.completed'");
  }

  @Test
  void aVariableNoKeyReadsIsNamed() {
    data("inflight-service-config").put("FLIGHTDECK_INFLIGHT_DB_HOSTNAME", "mariadb-inflight");

    assertThat(crossReferences())
        .containsExactly(
            "Deployment/inflight-service env FLIGHTDECK_INFLIGHT_DB_HOSTNAME: reads no key of"
                + " inflight-service/src/main/resources/application.properties or its mappings");
  }

  @Test
  void aProbeOffTheHealthEndpointsIsNamed() {
    ((ObjectNode) container("billing-consumer").at("/readinessProbe/httpGet"))
        .put("path", "/q/health");
    ((ObjectNode) container("billing-consumer").at("/livenessProbe/httpGet")).put("port", 8080);

    assertThat(crossReferences())
        .containsExactlyInAnyOrder(
            "Deployment/billing-consumer readinessProbe: path /q/health,"
                + " the service's is /q/health/ready",
            "Deployment/billing-consumer livenessProbe: port 8080 is not the HTTP port 8083");
  }

  @Test
  void anUnknownFieldOfABuiltInKindIsNamed() {
    container("inflight-service").put("imagePullPolicyy", "Always");

    assertThat(Overlays.SCHEMAS.problems(prod))
        .containsExactly(
            "Deployment/inflight-service (base/services/inflight-service.yaml): unknown field"
                + " spec.template.spec.containers[0].imagePullPolicyy");
  }

  @Test
  void aWrongTypeOfABuiltInKindIsNamed() {
    Overlays.find(prod, "Deployment/aggregator").withObjectProperty("spec").put("replicas", "3");

    assertThat(Overlays.SCHEMAS.problems(prod))
        .singleElement()
        .asString()
        .startsWith("Deployment/aggregator (base/services/aggregator.yaml): does not bind");
  }

  @Test
  void customResourcesAreCheckedAgainstTheirSchemas() {
    Overlays.find(prod, "KafkaTopic/records-persisted")
        .withObjectProperty("spec")
        .put("partitions", "12");
    Overlays.find(prod, "MariaDB/mariadb-shard-0")
        .withObjectProperty("spec")
        .withObjectProperty("replication")
        .withObjectProperty("replica")
        .put("gtidd", "SlavePos");
    ((ArrayNode)
            Overlays.find(prod, "KafkaUser/billing-consumer")
                .at("/spec/authorization/acls/0/operations"))
        .add("Wrte");
    prod.add(
        new Manifest(
            "a test",
            (ObjectNode)
                Kustomize.YAML.readTree(
                    "{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}")));

    assertThat(Overlays.SCHEMAS.problems(prod))
        .containsExactlyInAnyOrder(
            "KafkaTopic/records-persisted (base/kafka/topics.yaml): spec.partitions:"
                + " must be an integer, is STRING \"12\"",
            "MariaDB/mariadb-shard-0 (base/mariadb/mariadb.yaml): unknown field"
                + " spec.replication.replica.gtidd",
            "KafkaUser/billing-consumer (base/kafka/users.yaml):"
                + " spec.authorization.acls[0].operations[2]: \"Wrte\" is not one of"
                + " [\"Read\", \"Write\", \"Create\", \"Delete\", \"Alter\", \"Describe\","
                + " \"ClusterAction\", \"AlterConfigs\", \"DescribeConfigs\","
                + " \"IdempotentWrite\", \"All\"]",
            "Widget/w (a test): no schema for example.com/v1/Widget"
                + " (neither a built-in kind nor a bundled CRD)");
  }

  /** An overlay in a temporary folder on top of the real base. */
  private static Path overlay(Path dir, String kustomization, Map<String, String> files)
      throws IOException {
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - "
            + Path.of("base").toAbsolutePath()
            + "\n"
            + kustomization);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    return dir;
  }

  /** Overlays this renderer must refuse: what the overlay adds, its files, what the error says. */
  static Stream<Arguments> invalidOverlays() {
    return Stream.of(
        arguments(
            "commonLabels:\n  team: flightdeck\n", Map.of(), "unsupported field 'commonLabels'"),
        arguments("  - monitoring.yaml\n", Map.of(), "resource 'monitoring.yaml' not found"),
        arguments(
            "patches:\n  - path: patch.yaml\n",
            Map.of(
                "patch.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gateway\n"),
            "patch target Deployment/gateway is not among the resources"),
        arguments(
            "  - extra.yaml\n",
            Map.of("extra.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: unleash\n"),
            "Service/unleash is defined twice"),
        arguments(
            "  - broken.yaml\n",
            Map.of("broken.yaml", "kind: Service\n  metadata: [\n"),
            "broken.yaml: not valid YAML"),
        arguments(
            "secretGenerator:\n  - name: flightdeck-paging\n    literals:\n      - token-secret=x\n",
            Map.of(),
            "generatorOptions.disableNameSuffixHash"));
  }

  @ParameterizedTest
  @MethodSource("invalidOverlays")
  void anInvalidOverlayFailsNamingWhatIsWrong(
      String kustomization, Map<String, String> files, String error, @TempDir Path dir)
      throws IOException {
    overlay(dir, kustomization, files);

    assertThatThrownBy(() -> Kustomize.render(dir))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining(error);
  }

  @Test
  void anOverlayWhosePatchBreaksAManifestRendersAndFailsValidation(@TempDir Path dir)
      throws IOException {
    overlay(
        dir,
        "patches:\n  - path: patch.yaml\n",
        Map.of(
            "patch.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aggregator-config\ndata:\n"
                + "  FLIGHTDECK_LEGACY_DB_HOST: mariadb-legacy-primry\n"));
    List<Manifest> manifests = Kustomize.render(dir);

    assertThat(
            Overlays.crossReferences(
                manifests, CrossReferences.externalSecrets(Path.of("overlays/prod"))))
        .containsExactly(
            "ConfigMap/aggregator-config FLIGHTDECK_LEGACY_DB_HOST: no Service 'mariadb-legacy-primry'");
  }
}
