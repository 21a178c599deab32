package io.flightdeck.deploy.kubernetes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One rendered resource: its document and the file it came from (for messages). */
record Manifest(String source, ObjectNode body) {

  String apiVersion() {
    return body.path("apiVersion").asString("");
  }

  String kind() {
    return body.path("kind").asString("");
  }

  String name() {
    return body.path("metadata").path("name").asString("");
  }

  /** {@code Kind/name}, how every message names a resource. */
  String id() {
    return kind() + "/" + name();
  }

  JsonNode spec() {
    return body.path("spec");
  }
}
