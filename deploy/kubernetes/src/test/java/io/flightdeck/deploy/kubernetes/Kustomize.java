package io.flightdeck.deploy.kubernetes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset the overlays use:
 * {@code resources} (files and folders holding a kustomization), {@code namespace}, {@code patches}
 * given by {@code path} (strategic merge, matched by kind and name), and {@code secretGenerator}
 * with {@code literals} under {@code generatorOptions.disableNameSuffixHash}. Anything else in a
 * kustomization is refused, naming the field, rather than ignored: an overlay this cannot render
 * the same way kustomize would fails the build instead of passing unchecked.
 */
final class Kustomize {
  static final ObjectMapper YAML = new YAMLMapper();

  private static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
  private static final Set<String> FIELDS =
      Set.of(
          "apiVersion",
          "kind",
          "namespace",
          "resources",
          "patches",
          "secretGenerator",
          "generatorOptions");
  private static final Set<String> GENERATOR_FIELDS = Set.of("name", "literals", "type");

  private Kustomize() {}

  /** The resources {@code kustomize build dir} would print, in order. */
  static List<Manifest> render(Path dir) {
    return build(dir.normalize());
  }

  private static List<Manifest> build(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new KustomizeException(dir + ": no kustomization.yaml");
    }
    List<JsonNode> documents = readAll(file);
    if (documents.size() != 1 || !documents.get(0).isObject()) {
      throw new KustomizeException(file + ": must hold exactly one mapping");
    }
    JsonNode kustomization = documents.get(0);
    kustomization
        .propertyNames()
        .forEach(
            field -> {
              if (!FIELDS.contains(field)) {
                throw new KustomizeException(file + ": unsupported field '" + field + "'");
              }
            });
    if (!API_VERSION.equals(kustomization.path("apiVersion").asString())
        || !"Kustomization".equals(kustomization.path("kind").asString())) {
      throw new KustomizeException(file + ": not a " + API_VERSION + " Kustomization");
    }
    List<Manifest> resources = new ArrayList<>();
    for (JsonNode entry : list(file, kustomization, "resources")) {
      Path resource = dir.resolve(entry.asString()).normalize();
      if (Files.isDirectory(resource)) {
        resources.addAll(build(resource));
      } else if (Files.isRegularFile(resource)) {
        for (JsonNode document : readAll(resource)) {
          resources.add(manifest(resource, document));
        }
      } else {
        throw new KustomizeException(file + ": resource '" + entry.asString() + "' not found");
      }
    }
    resources.addAll(secrets(file, kustomization));
    for (JsonNode patch : list(file, kustomization, "patches")) {
      applyPatch(file, dir, patch, resources);
    }
    if (kustomization.hasNonNull("namespace")) {
      String namespace = kustomization.get("namespace").asString();
      resources.forEach(
          r -> ((ObjectNode) r.body().withObjectProperty("metadata")).put("namespace", namespace));
    }
    Set<String> ids = new HashSet<>();
    for (Manifest resource : resources) {
      if (!ids.add(resource.apiVersion() + " " + resource.id())) {
        throw new KustomizeException(file + ": " + resource.id() + " is defined twice");
      }
    }
    return resources;
  }

  private static Manifest manifest(Path source, JsonNode document) {
    if (!(document instanceof ObjectNode object)
        || object.path("kind").asString().isEmpty()
        || object.path("metadata").path("name").asString().isEmpty()) {
      throw new KustomizeException(source + ": a document without kind or metadata.name");
    }
    return new Manifest(source.toString(), object);
  }

  private static List<Manifest> secrets(Path file, JsonNode kustomization) {
    List<Manifest> secrets = new ArrayList<>();
    List<JsonNode> generators = list(file, kustomization, "secretGenerator");
    if (generators.isEmpty()) {
      return secrets;
    }
    if (!kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)) {
      throw new KustomizeException(
          file + ": secretGenerator needs generatorOptions.disableNameSuffixHash: true here");
    }
    for (JsonNode generator : generators) {
      generator
          .propertyNames()
          .forEach(
              field -> {
                if (!GENERATOR_FIELDS.contains(field)) {
                  throw new KustomizeException(
                      file + ": unsupported secretGenerator field '" + field + "'");
                }
              });
      ObjectNode secret = YAML.createObjectNode();
      secret.put("apiVersion", "v1").put("kind", "Secret");
      secret.putObject("metadata").put("name", generator.path("name").asString());
      secret.put("type", generator.path("type").asString("Opaque"));
      ObjectNode data = secret.putObject("data");
      for (JsonNode literal : list(file, generator, "literals")) {
        String text = literal.asString();
        int equals = text.indexOf('=');
        if (equals <= 0) {
          throw new KustomizeException(file + ": literal without key=value: " + text);
        }
        data.put(
            text.substring(0, equals),
            Base64.getEncoder()
                .encodeToString(text.substring(equals + 1).getBytes(StandardCharsets.UTF_8)));
      }
      secrets.add(manifest(file, secret));
    }
    return secrets;
  }

  private static void applyPatch(Path file, Path dir, JsonNode entry, List<Manifest> resources) {
    if (entry.size() != 1 || !entry.hasNonNull("path")) {
      throw new KustomizeException(file + ": a patch is given by 'path' alone here: " + entry);
    }
    Path path = dir.resolve(entry.get("path").asString()).normalize();
    if (!Files.isRegularFile(path)) {
      throw new KustomizeException(
          file + ": patch '" + entry.get("path").asString() + "' not found");
    }
    List<JsonNode> documents = readAll(path);
    if (documents.size() != 1) {
      throw new KustomizeException(path + ": a patch file holds one patch");
    }
    Manifest patch = manifest(path, documents.get(0));
    Manifest target =
        resources.stream()
            .filter(r -> r.kind().equals(patch.kind()) && r.name().equals(patch.name()))
            .findFirst()
            .orElseThrow(
                () ->
                    new KustomizeException(
                        path + ": patch target " + patch.id() + " is not among the resources"));
    merge(target.body(), patch.body());
  }

  /**
   * Strategic merge as far as these manifests need it: mappings merge, {@code null} deletes, lists
   * of named items (containers, env, ports, volumes) merge by name, other lists are replaced.
   */
  static void merge(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      JsonNode existing = target.get(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (value instanceof ObjectNode object && existing instanceof ObjectNode into) {
        merge(into, object);
      } else if (value instanceof ArrayNode items
          && existing instanceof ArrayNode into
          && named(items)
          && named(into)) {
        for (JsonNode item : items) {
          JsonNode match = null;
          for (JsonNode candidate : into) {
            if (candidate.get("name").equals(item.get("name"))) {
              match = candidate;
            }
          }
          if (match == null) {
            into.add(item.deepCopy());
          } else {
            merge((ObjectNode) match, (ObjectNode) item);
          }
        }
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }

  private static boolean named(ArrayNode items) {
    for (JsonNode item : items) {
      if (!item.isObject() || !item.path("name").isString()) {
        return false;
      }
    }
    return true;
  }

  private static List<JsonNode> list(Path file, JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new KustomizeException(file + ": '" + field + "' must be a list");
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  /** Every non-empty document of a YAML file. */
  static List<JsonNode> readAll(Path file) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (RuntimeException e) {
      throw new KustomizeException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    return documents;
  }
}
