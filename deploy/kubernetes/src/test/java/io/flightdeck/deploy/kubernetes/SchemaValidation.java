package io.flightdeck.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates rendered manifests: the built-in kinds by binding them to fabric8's typed Kubernetes
 * model (a field the model does not know, or a value of the wrong type, is an error, where the API
 * server's strict field validation would refuse it too), the custom resources against the bundled
 * CRD schemas ({@code src/test/resources/crds}). Every problem names the resource.
 */
final class SchemaValidation {
  /** The built-in kinds the manifests may use, by {@code apiVersion/kind}. */
  private static final Map<String, Class<?>> BUILT_IN =
      Map.of(
          "v1/ConfigMap", ConfigMap.class,
          "v1/Secret", Secret.class,
          "v1/Service", Service.class,
          "apps/v1/Deployment", Deployment.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

  /** No "2" for 2, no 2 for "2": the API server does not coerce either. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();

  private final Map<String, JSONSchemaProps> schemas;

  private SchemaValidation(Map<String, JSONSchemaProps> schemas) {
    this.schemas = schemas;
  }

  /** The validation with the CRD schemas of every {@code *.yaml} in {@code crds}. */
  static SchemaValidation withCrds(Path crds) {
    Map<String, JSONSchemaProps> schemas = new HashMap<>();
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode document : Kustomize.readAll(file)) {
          CustomResourceDefinition crd =
              Kustomize.YAML.treeToValue(document, CustomResourceDefinition.class);
          for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            schemas.put(
                crd.getSpec().getGroup()
                    + "/"
                    + version.getName()
                    + "/"
                    + crd.getSpec().getNames().getKind(),
                version.getSchema().getOpenAPIV3Schema());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SchemaValidation(schemas);
  }

  /** Every problem of every manifest, each naming its resource; empty when all are valid. */
  List<String> problems(List<Manifest> manifests) {
    List<String> problems = new ArrayList<>();
    for (Manifest manifest : manifests) {
      List<String> found = new ArrayList<>();
      check(manifest, found);
      found.forEach(p -> problems.add(manifest.id() + " (" + manifest.source() + "): " + p));
    }
    return problems;
  }

  private void check(Manifest manifest, List<String> problems) {
    String type = manifest.apiVersion() + "/" + manifest.kind();
    Class<?> builtIn = BUILT_IN.get(type);
    if (builtIn != null) {
      bind(manifest.body(), builtIn, problems);
      return;
    }
    JSONSchemaProps schema = schemas.get(type);
    if (schema == null) {
      problems.add("no schema for " + type + " (neither a built-in kind nor a bundled CRD)");
      return;
    }
    bind(manifest.body().path("metadata"), ObjectMeta.class, problems);
    new StructuralSchema(problems).check(manifest.body(), schema, "");
  }

  private static void bind(JsonNode node, Class<?> type, List<String> problems) {
    Object bound;
    try {
      bound = STRICT.treeToValue(node, type);
    } catch (JacksonException e) {
      problems.add("does not bind to " + type.getSimpleName() + ": " + e.getOriginalMessage());
      return;
    }
    unknownFields(bound, "", problems);
  }

  /** fabric8's model keeps what it does not know in {@code additionalProperties}: report it. */
  private static void unknownFields(Object value, String path, List<String> problems) {
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
      return;
    }
    if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || !getter.getName().startsWith("get")
          || getter.isDefault()
          || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra
              .keySet()
              .forEach(
                  k -> problems.add("unknown field " + (path.isEmpty() ? "" : path + ".") + k));
        }
      } else {
        String field = getter.getName().substring(3);
        field = Character.toLowerCase(field.charAt(0)) + field.substring(1);
        unknownFields(child, path.isEmpty() ? field : path + "." + field, problems);
      }
    }
  }
}
