package io.flightdeck.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The part of a CRD's structural OpenAPI v3 schema that the API server enforces and the bundled
 * schemas use: types, closed objects (unknown fields are errors here, where the server would prune
 * them or refuse them under strict field validation), required fields, enumerations, integer
 * bounds, minimum list sizes, {@code additionalProperties}, {@code x-kubernetes-int-or-string} and
 * {@code x-kubernetes-preserve-unknown-fields}.
 */
final class StructuralSchema {
  private final List<String> problems;

  StructuralSchema(List<String> problems) {
    this.problems = problems;
  }

  void check(JsonNode value, JSONSchemaProps schema, String path) {
    String at = path.isEmpty() ? "(root)" : path;
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      if (!value.isIntegralNumber() && !value.isString()) {
        problems.add(at + ": must be an integer or a string, is " + value.getNodeType());
      }
      return;
    }
    if (schema.getEnum() != null
        && !schema.getEnum().isEmpty()
        && schema.getEnum().stream().noneMatch(value::equals)) {
      problems.add(at + ": " + value + " is not one of " + schema.getEnum());
    }
    String type = schema.getType();
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> object(value, schema, path, at);
      case "array" -> array(value, schema, path, at);
      case "string" -> expect(value.isString(), at, "a string", value);
      case "boolean" -> expect(value.isBoolean(), at, "a boolean", value);
      case "number" -> expect(value.isNumber(), at, "a number", value);
      case "integer" -> {
        if (expect(value.isIntegralNumber(), at, "an integer", value)) {
          bounds(value.asLong(), schema, at);
        }
      }
      default -> problems.add(at + ": the schema has an unknown type " + type);
    }
    if (schema.getPattern() != null
        && value.isString()
        && !value.asString().matches(schema.getPattern())) {
      problems.add(at + ": '" + value.asString() + "' does not match " + schema.getPattern());
    }
  }

  private void object(JsonNode value, JSONSchemaProps schema, String path, String at) {
    if (!expect(value.isObject(), at, "an object", value)) {
      return;
    }
    if (schema.getRequired() != null) {
      for (String required : schema.getRequired()) {
        if (!value.has(required)) {
          problems.add(at + ": required field " + required + " is missing");
        }
      }
    }
    boolean open = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JSONSchemaProps known = properties == null ? null : properties.get(field.getKey());
      if (known != null) {
        check(field.getValue(), known, child);
      } else if (schema.getAdditionalProperties() != null
          && schema.getAdditionalProperties().getSchema() != null) {
        check(field.getValue(), schema.getAdditionalProperties().getSchema(), child);
      } else if (!open
          && !(schema.getAdditionalProperties() != null
              && Boolean.TRUE.equals(schema.getAdditionalProperties().getAllows()))) {
        problems.add("unknown field " + child);
      }
    }
  }

  private void array(JsonNode value, JSONSchemaProps schema, String path, String at) {
    if (!expect(value.isArray(), at, "a list", value)) {
      return;
    }
    if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
      problems.add(at + ": needs at least " + schema.getMinItems() + " items");
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.getItems().getSchema(), path + "[" + i + "]");
      }
    }
  }

  private void bounds(long value, JSONSchemaProps schema, String at) {
    if (schema.getMinimum() != null && value < schema.getMinimum()) {
      problems.add(at + ": " + value + " is below the minimum " + schema.getMinimum().longValue());
    }
    if (schema.getMaximum() != null && value > schema.getMaximum()) {
      problems.add(at + ": " + value + " is above the maximum " + schema.getMaximum().longValue());
    }
  }

  private boolean expect(boolean ok, String at, String what, JsonNode value) {
    if (!ok) {
      problems.add(at + ": must be " + what + ", is " + value.getNodeType() + " " + value);
    }
    return ok;
  }
}
