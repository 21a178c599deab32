package io.flightdeck.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule that protects consumers of a published event type: every event valid under the current
 * schema must still be valid under the published one, as far as a consumer relies on it. Checked
 * per property, recursively:
 *
 * <ul>
 *   <li>a published property stays (a consumer may read it), and a required one stays required;
 *   <li>its types may narrow, never widen ({@code ["string","null"]} may become {@code "string"});
 *   <li>an enum may lose values, never gain one (a consumer's switch would not know it);
 *   <li>{@code const}, {@code pattern} and {@code format} do not change.
 * </ul>
 *
 * New optional or required properties are compatible: consumers ignore fields they do not know.
 * Anything else is a new event type ({@code ….v2}).
 */
final class SchemaCompatibility {
  private SchemaCompatibility() {}

  /** What in {@code current} breaks consumers of {@code published}; empty when compatible. */
  static List<String> breakingChanges(JsonNode published, JsonNode current) {
    List<String> problems = new ArrayList<>();
    compare("", published, current, problems);
    return problems;
  }

  private static void compare(
      String path, JsonNode published, JsonNode current, List<String> problems) {
    String at = path.isEmpty() ? "(root)" : path;
    Set<String> wasTypes = types(published);
    Set<String> nowTypes = types(current);
    if (!wasTypes.isEmpty()
        && !wasTypes.containsAll(nowTypes.isEmpty() ? Set.of("any") : nowTypes)) {
      problems.add(
          at
              + ": type widened from "
              + wasTypes
              + " to "
              + (nowTypes.isEmpty() ? "any" : nowTypes));
    }
    for (String keyword : List.of("const", "pattern", "format")) {
      if (published.has(keyword) && !published.get(keyword).equals(current.get(keyword))) {
        problems.add(
            at
                + ": "
                + keyword
                + " changed from "
                + published.get(keyword)
                + " to "
                + current.get(keyword));
      }
    }
    if (published.has("enum")) {
      Set<JsonNode> allowed = new HashSet<>();
      published.get("enum").forEach(allowed::add);
      if (!current.has("enum")) {
        problems.add(at + ": enum removed (any value may now arrive)");
      } else {
        current
            .get("enum")
            .forEach(
                v -> {
                  if (!allowed.contains(v)) {
                    problems.add(at + ": enum value " + v + " added");
                  }
                });
      }
    }
    if (published.has("required")) {
      Set<String> nowRequired = new HashSet<>();
      if (current.has("required")) {
        current.get("required").forEach(r -> nowRequired.add(r.asText()));
      }
      published
          .get("required")
          .forEach(
              r -> {
                if (!nowRequired.contains(r.asText())) {
                  problems.add(at + ": " + r.asText() + " is no longer required");
                }
              });
    }
    JsonNode wasProperties = published.path("properties");
    JsonNode nowProperties = current.path("properties");
    wasProperties
        .fieldNames()
        .forEachRemaining(
            name -> {
              String child = path.isEmpty() ? name : path + "." + name;
              if (!nowProperties.has(name)) {
                problems.add(child + ": removed");
              } else {
                compare(child, wasProperties.get(name), nowProperties.get(name), problems);
              }
            });
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> types = new TreeSet<>();
    JsonNode type = schema.get("type");
    if (type == null) {
      return types;
    }
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else {
      types.add(type.asText());
    }
    return types;
  }
}
