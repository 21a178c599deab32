package io.flightdeck.deploy.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Checks what the manifests of one rendered overlay say of each other and of the services' own
 * configuration: every host and URL in a ConfigMap, or in a properties file a ConfigMap holds,
 * names a Service and one of its ports; every file of {@code QUARKUS_CONFIG_LOCATIONS} is a key of
 * a ConfigMap the container mounts there; every Secret key read exists (in the overlay, in its list
 * of Secrets created out of band, or made by an operator); every environment variable of a
 * Flightdeck service is the environment form of a key that service reads; every topic a service's
 * channels name has a KafkaTopic and an ACL of the service's KafkaUser; probes ask the services'
 * health endpoints on their HTTP port.
 */
final class CrossReferences {
  /** Flightdeck's own services: Deployment name to the module whose configuration it runs. */
  static final Map<String, String> SERVICES =
      Map.of(
          "inflight-service", "inflight-service",
          "postflight-service", "postflight-service",
          "aggregator", "aggregator",
          "billing-consumer", "examples/billing-consumer");

  /**
   * Keys every service reads (service-auth's start-up checks and operations endpoints; Quarkus's
   * further configuration files).
   */
  private static final Set<String> COMMON_KEYS =
      Set.of(
          "flightdeck.local-development",
          "flightdeck.http.operations-on-public-interface",
          "quarkus.config.locations");

  /**
   * Keys read through a configuration mapping whose default stands in for them, so that they are
   * absent from the service's application.properties (root README, "Configuration").
   */
  private static final Map<String, Set<String>> MAPPED_KEYS =
      Map.of(
          "aggregator",
          Set.of(
              "flightdeck.paging.token-secret",
              "flightdeck.flags.unleash.environment",
              "flightdeck.flags.unleash.backup-file"),
          "inflight-service",
          Set.of(
              "flightdeck.inflight.db.password",
              "flightdeck.inflight.control.password",
              "flightdeck.flags.unleash.environment",
              "flightdeck.flags.unleash.backup-file"),
          "postflight-service",
          Set.of(
              "flightdeck.flags.unleash.environment",
              "flightdeck.flags.unleash.backup-file",
              "flightdeck.postflight.shards.\"shard-0\".user",
              "flightdeck.postflight.shards.\"shard-0\".database",
              "flightdeck.postflight.shards.\"shard-1\".user",
              "flightdeck.postflight.shards.\"shard-1\".database"));

  private static final Pattern URL = Pattern.compile("^https?://([^/:]+)(?::(\\d+))?(/.*)?$");

  /** One environment variable of a container: a value, or a Secret's key. */
  record EnvVar(String name, String value, String secretName, String secretKey) {}

  private final List<Manifest> manifests;
  private final Path repository;
  private final Map<String, Set<String>> externalSecrets;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Set<Integer>> services = new HashMap<>();
  private final Map<String, Set<String>> secrets = new HashMap<>();
  private final Set<String> topics = new HashSet<>();

  private CrossReferences(
      List<Manifest> manifests, Path repository, Map<String, Set<String>> externalSecrets) {
    this.manifests = manifests;
    this.repository = repository;
    this.externalSecrets = externalSecrets;
  }

  /** Every broken reference, each naming the resource and what it refers to. */
  static List<String> problems(
      List<Manifest> manifests, Path repository, Map<String, Set<String>> externalSecrets) {
    CrossReferences check = new CrossReferences(manifests, repository, externalSecrets);
    check.run();
    return check.problems;
  }

  /**
   * An overlay's list of Secrets created out of band ({@code secrets.external}: a line a Secret,
   * its name then its keys); none when the file is absent.
   */
  static Map<String, Set<String>> externalSecrets(Path overlay) {
    Path file = overlay.resolve("secrets.external");
    Map<String, Set<String>> external = new HashMap<>();
    if (!Files.exists(file)) {
      return external;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String[] words = line.strip().split("\\s+");
        if (!line.isBlank() && !line.startsWith("#")) {
          external.put(words[0], new TreeSet<>(List.of(words).subList(1, words.length)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return external;
  }

  private void run() {
    collectEndpoints();
    collectSecrets();
    of("KafkaTopic").forEach(t -> topics.add(t.spec().path("topicName").asString(t.name())));
    for (Manifest deployment : of("Deployment")) {
      Map<String, EnvVar> env = environment(deployment);
      if (SERVICES.containsKey(deployment.name())) {
        service(deployment, SERVICES.get(deployment.name()), env);
      }
    }
    for (Manifest configMap : of("ConfigMap")) {
      Map<String, String> data = new LinkedHashMap<>();
      configMap
          .body()
          .path("data")
          .properties()
          .forEach(e -> data.put(e.getKey(), e.getValue().asString()));
      data.forEach((key, value) -> address(configMap.id() + " " + key, key, value, data));
      data.forEach(
          (file, text) -> {
            if (file.endsWith(".properties")) {
              properties(configMap.id() + " " + file, text);
            }
          });
    }
    for (Manifest mariaDb : of("MariaDB")) {
      for (String ref : List.of("rootPasswordSecretKeyRef", "passwordSecretKeyRef")) {
        JsonNode node = mariaDb.spec().path(ref);
        if (!node.isMissingNode()) {
          secret(
              mariaDb.id() + " " + ref, node.path("name").asString(), node.path("key").asString());
        }
      }
    }
    for (Manifest reference : of("Database", "Grant")) {
      String target = reference.spec().path("mariaDbRef").path("name").asString();
      if (of("MariaDB").stream().noneMatch(m -> m.name().equals(target))) {
        problems.add(reference.id() + ": mariaDbRef names no MariaDB '" + target + "'");
      }
    }
    selectors();
    strimzi();
  }

  private List<Manifest> of(String... kinds) {
    Set<String> wanted = Set.of(kinds);
    return manifests.stream().filter(m -> wanted.contains(m.kind())).toList();
  }

  /** Services the manifests declare, and those the operators create for their resources. */
  private void collectEndpoints() {
    for (Manifest service : of("Service")) {
      Set<Integer> ports = new HashSet<>();
      service.spec().path("ports").forEach(p -> ports.add(p.path("port").asInt()));
      services.put(service.name(), ports);
    }
    for (Manifest mariaDb : of("MariaDB")) {
      Set<Integer> port = Set.of(mariaDb.spec().path("port").asInt(3306));
      for (String suffix : List.of("", "-primary", "-secondary")) {
        services.put(mariaDb.name() + suffix, port);
      }
    }
    for (Manifest kafka : of("Kafka")) {
      Set<Integer> ports = new HashSet<>();
      kafka.spec().path("kafka").path("listeners").forEach(l -> ports.add(l.path("port").asInt()));
      services.put(kafka.name() + "-kafka-bootstrap", ports);
    }
    for (Manifest cluster : of("Cluster")) {
      for (String suffix : List.of("-rw", "-ro", "-r")) {
        services.put(cluster.name() + suffix, Set.of(5432));
      }
    }
  }

  /** Secrets of the overlay, the ones created out of band, and those operators create. */
  private void collectSecrets() {
    for (Manifest secret : of("Secret")) {
      Set<String> keys = new TreeSet<>();
      secret.body().path("data").propertyNames().forEach(keys::add);
      secret.body().path("stringData").propertyNames().forEach(keys::add);
      secrets.put(secret.name(), keys);
    }
    externalSecrets.forEach((name, keys) -> secrets.merge(name, keys, CrossReferences::union));
    for (Manifest user : of("KafkaUser")) {
      if ("scram-sha-512".equals(user.spec().path("authentication").path("type").asString())) {
        secrets.put(user.name(), Set.of("password", "sasl.jaas.config"));
      }
    }
    for (Manifest cluster : of("Cluster")) {
      secrets.put(
          cluster.name() + "-app",
          Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass"));
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private void secret(String where, String name, String key) {
    Set<String> keys = secrets.get(name);
    if (keys == null) {
      problems.add(where + ": no Secret '" + name + "' (key '" + key + "')");
    } else if (!keys.contains(key)) {
      problems.add(where + ": Secret '" + name + "' has no key '" + key + "'");
    }
  }

  /** The environment of a Deployment's containers, checking every ConfigMap and Secret it reads. */
  private Map<String, EnvVar> environment(Manifest deployment) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    for (JsonNode container : deployment.spec().path("template").path("spec").path("containers")) {
      for (JsonNode from : container.path("envFrom")) {
        String name = from.path("configMapRef").path("name").asString();
        Manifest configMap =
            of("ConfigMap").stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        if (configMap == null) {
          problems.add(deployment.id() + " envFrom: no ConfigMap '" + name + "'");
          continue;
        }
        configMap
            .body()
            .path("data")
            .properties()
            .forEach(
                e ->
                    env.put(
                        e.getKey(), new EnvVar(e.getKey(), e.getValue().asString(), null, null)));
      }
      for (JsonNode variable : container.path("env")) {
        String name = variable.path("name").asString();
        JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
        if (ref.isMissingNode()) {
          env.put(name, new EnvVar(name, variable.path("value").asString(), null, null));
        } else {
          String secretName = ref.path("name").asString();
          String key = ref.path("key").asString();
          secret(deployment.id() + " env " + name, secretName, key);
          env.put(name, new EnvVar(name, null, secretName, key));
        }
      }
    }
    return env;
  }

  /** Each {@code <prefix>.host} of a properties file names a Service with its {@code .port}. */
  private void properties(String where, String text) {
    Properties file = new Properties();
    try {
      file.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : file.stringPropertyNames()) {
      if (key.endsWith(".host")) {
        String port = file.getProperty(key.substring(0, key.length() - ".host".length()) + ".port");
        endpoint(
            where + " " + key, file.getProperty(key), port == null ? null : Integer.parseInt(port));
      }
    }
  }

  /** A host, URL or bootstrap address in a ConfigMap must name a Service and one of its ports. */
  private void address(String where, String key, String value, Map<String, String> data) {
    Matcher url = URL.matcher(value);
    if (url.matches()) {
      endpoint(where, url.group(1), url.group(2) == null ? 80 : Integer.parseInt(url.group(2)));
    } else if (key.endsWith("_HOST")) {
      String port = data.get(key.substring(0, key.length() - "_HOST".length()) + "_PORT");
      endpoint(where, value, port == null ? null : Integer.parseInt(port));
    } else if (key.endsWith("BOOTSTRAP_SERVERS")) {
      for (String server : value.split(",")) {
        String[] hostPort = server.strip().split(":");
        endpoint(where, hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : null);
      }
    }
  }

  private void endpoint(String where, String host, Integer port) {
    Set<Integer> ports = services.get(host);
    if (ports == null) {
      problems.add(where + ": no Service '" + host + "'");
    } else if (port != null && !ports.contains(port)) {
      problems.add(where + ": Service '" + host + "' has no port " + port);
    }
  }

  /** One Flightdeck service: its variables, probes and Kafka channels against its own module. */
  private void service(Manifest deployment, String module, Map<String, EnvVar> env) {
    Path dir = repository.resolve(module);
    ServiceConfiguration configuration = ServiceConfiguration.of(dir);
    Set<String> known = new HashSet<>(configuration.keys());
    known.addAll(COMMON_KEYS);
    known.addAll(MAPPED_KEYS.getOrDefault(deployment.name(), Set.of()));
    Set<String> names =
        known.stream().map(ServiceConfiguration::environmentName).collect(Collectors.toSet());
    String properties = module + "/src/main/resources/application.properties";
    for (EnvVar variable : env.values()) {
      String name = variable.name();
      if (name.equals("JAVA_TOOL_OPTIONS")) {
        if (variable.value() == null || !variable.value().contains("-Xmx")) {
          problems.add(deployment.id() + " env JAVA_TOOL_OPTIONS: sets no heap limit (-Xmx)");
        }
      } else if (name.startsWith("KAFKA_") && configuration.usesKafka()) {
        continue;
      } else if (!names.contains(name)) {
        problems.add(
            deployment.id()
                + " env "
                + name
                + ": reads no key of "
                + properties
                + " or its mappings");
      }
    }
    tracing(deployment, env);
    configLocations(deployment, env);
    probes(deployment, dir, configuration, env);
    if (configuration.usesKafka()) {
      kafka(deployment, configuration, env);
    }
  }

  /**
   * Every service carries tracing's switch; one that turns it on names its collector (a URL, which
   * {@link #address} checks against the Services like any other).
   */
  private void tracing(Manifest deployment, Map<String, EnvVar> env) {
    EnvVar on = env.get("FLIGHTDECK_TRACING_ENABLED");
    if (on == null || on.value() == null) {
      problems.add(deployment.id() + ": sets no FLIGHTDECK_TRACING_ENABLED (tracing's switch)");
    } else if (on.value().equals("true")
        && !env.containsKey("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")) {
      problems.add(
          deployment.id() + ": turns tracing on with no QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
    }
  }

  /**
   * Each file of {@code QUARKUS_CONFIG_LOCATIONS} is {@code <mountPath>/<key>} of a ConfigMap
   * volume of the container whose ConfigMap holds that key: else Quarkus starts without it.
   */
  private void configLocations(Manifest deployment, Map<String, EnvVar> env) {
    EnvVar locations = env.get("QUARKUS_CONFIG_LOCATIONS");
    if (locations == null || locations.value() == null) {
      return;
    }
    JsonNode pod = deployment.spec().path("template").path("spec");
    Map<String, String> configMapOfVolume = new HashMap<>();
    pod.path("volumes")
        .forEach(
            v ->
                configMapOfVolume.put(
                    v.path("name").asString(), v.path("configMap").path("name").asString("")));
    Set<String> mountedFiles = new HashSet<>();
    for (JsonNode container : pod.path("containers")) {
      for (JsonNode mount : container.path("volumeMounts")) {
        String configMap = configMapOfVolume.getOrDefault(mount.path("name").asString(), "");
        of("ConfigMap").stream()
            .filter(c -> c.name().equals(configMap))
            .forEach(
                c ->
                    c.body()
                        .path("data")
                        .propertyNames()
                        .forEach(
                            key ->
                                mountedFiles.add(mount.path("mountPath").asString() + "/" + key)));
      }
    }
    for (String location : locations.value().split(",")) {
      String file = location.strip().replaceFirst("^file:", "");
      if (!mountedFiles.contains(file)) {
        problems.add(
            deployment.id()
                + " env QUARKUS_CONFIG_LOCATIONS: "
                + file
                + " is no key of a ConfigMap the container mounts");
      }
    }
  }

  private void probes(
      Manifest deployment, Path dir, ServiceConfiguration configuration, Map<String, EnvVar> env) {
    String root = trim(valueOr(configuration, "quarkus.http.root-path", "/"));
    String operations = trim(valueOr(configuration, "quarkus.http.non-application-root-path", "q"));
    String health = trim(valueOr(configuration, "quarkus.smallrye-health.root-path", "health"));
    String base = ("/" + root + "/" + operations + "/" + health).replaceAll("/+", "/");
    try {
      if (!Files.readString(dir.resolve("pom.xml")).contains("quarkus-smallrye-health")) {
        problems.add(deployment.id() + ": " + dir.getFileName() + " serves no health endpoints");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EnvVar httpPort = env.get("QUARKUS_HTTP_PORT");
    String port =
        httpPort != null && httpPort.value() != null
            ? httpPort.value()
            : configuration.value("quarkus.http.port");
    for (JsonNode container : deployment.spec().path("template").path("spec").path("containers")) {
      Map<String, Integer> ports = new HashMap<>();
      container
          .path("ports")
          .forEach(p -> ports.put(p.path("name").asString(""), p.path("containerPort").asInt()));
      if (!ports.containsValue(Integer.parseInt(port))) {
        problems.add(deployment.id() + ": no container port " + port + " (QUARKUS_HTTP_PORT)");
      }
      probe(deployment, container, "readinessProbe", base + "/ready", ports, port);
      probe(deployment, container, "livenessProbe", base + "/live", ports, port);
    }
  }

  private void probe(
      Manifest deployment,
      JsonNode container,
      String probe,
      String path,
      Map<String, Integer> ports,
      String httpPort) {
    JsonNode get = container.path(probe).path("httpGet");
    if (get.isMissingNode()) {
      problems.add(deployment.id() + ": no " + probe);
      return;
    }
    if (!path.equals(get.path("path").asString())) {
      problems.add(
          deployment.id()
              + " "
              + probe
              + ": path "
              + get.path("path").asString()
              + ", the service's is "
              + path);
    }
    JsonNode port = get.path("port");
    Integer number = port.isInt() ? Integer.valueOf(port.asInt()) : ports.get(port.asString());
    if (number == null || number != Integer.parseInt(httpPort)) {
      problems.add(
          deployment.id() + " " + probe + ": port " + port + " is not the HTTP port " + httpPort);
    }
  }

  private static String valueOr(ServiceConfiguration configuration, String key, String otherwise) {
    String value = configuration.value(key);
    return value == null ? otherwise : value;
  }

  private static String trim(String path) {
    return path.replaceAll("^/+|/+$", "");
  }

  /** Each channel's topic has a KafkaTopic, and the service's KafkaUser may use it. */
  private void kafka(
      Manifest deployment, ServiceConfiguration configuration, Map<String, EnvVar> env) {
    if (!env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
      problems.add(deployment.id() + ": uses Kafka but sets no KAFKA_BOOTSTRAP_SERVERS");
    }
    EnvVar jaas = env.get("KAFKA_SASL_JAAS_CONFIG");
    Manifest user =
        jaas == null || jaas.secretName() == null
            ? null
            : of("KafkaUser").stream()
                .filter(u -> u.name().equals(jaas.secretName()))
                .findFirst()
                .orElse(null);
    if (user == null) {
      problems.add(deployment.id() + ": reads KAFKA_SASL_JAAS_CONFIG from no KafkaUser's Secret");
    }
    for (ServiceConfiguration.Channel channel : configuration.channels().values()) {
      String where = deployment.id() + " channel " + channel.name();
      if (!topics.contains(channel.topic())) {
        problems.add(where + ": no KafkaTopic for topic '" + channel.topic() + "'");
      }
      if (user == null) {
        continue;
      }
      String operation = channel.incoming() ? "Read" : "Write";
      if (!allows(user, "topic", channel.topic(), operation)) {
        problems.add(
            where
                + ": "
                + user.id()
                + " may not "
                + operation
                + " topic '"
                + channel.topic()
                + "'");
      }
      if (channel.incoming()
          && channel.group() != null
          && !allows(user, "group", channel.group(), "Read")) {
        problems.add(where + ": " + user.id() + " may not Read group '" + channel.group() + "'");
      }
    }
  }

  private static boolean allows(Manifest user, String type, String name, String operation) {
    for (JsonNode acl : user.spec().path("authorization").path("acls")) {
      JsonNode resource = acl.path("resource");
      boolean matches =
          resource.path("type").asString().equals(type)
              && ("prefix".equals(resource.path("patternType").asString())
                  ? name.startsWith(resource.path("name").asString())
                  : name.equals(resource.path("name").asString()));
      if (!matches) {
        continue;
      }
      for (JsonNode granted : acl.path("operations")) {
        if (granted.asString().equals(operation) || granted.asString().equals("All")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Services select a Deployment's pods and name one of its container ports. */
  private void selectors() {
    for (Manifest service : of("Service")) {
      JsonNode selector = service.spec().path("selector");
      Manifest target = null;
      for (Manifest deployment : of("Deployment")) {
        JsonNode labels = deployment.spec().path("template").path("metadata").path("labels");
        boolean all = !selector.isEmpty();
        for (var label : selector.properties()) {
          all &= label.getValue().equals(labels.path(label.getKey()));
        }
        if (all) {
          target = deployment;
        }
      }
      if (target == null) {
        problems.add(service.id() + ": selects the pods of no Deployment");
        continue;
      }
      Set<String> named = new HashSet<>();
      target
          .spec()
          .path("template")
          .path("spec")
          .path("containers")
          .forEach(
              c ->
                  c.path("ports")
                      .forEach(
                          p -> {
                            named.add(p.path("name").asString(""));
                            named.add(String.valueOf(p.path("containerPort").asInt()));
                          }));
      for (JsonNode port : service.spec().path("ports")) {
        String targetPort =
            port.path("targetPort").asString(String.valueOf(port.path("port").asInt()));
        if (!named.contains(targetPort)) {
          problems.add(
              service.id() + ": targetPort " + targetPort + " is no port of " + target.id());
        }
      }
    }
  }

  /** Strimzi resources name an existing Kafka, and ACLs name existing topics. */
  private void strimzi() {
    Set<String> clusters = of("Kafka").stream().map(Manifest::name).collect(Collectors.toSet());
    for (Manifest resource : of("KafkaNodePool", "KafkaTopic", "KafkaUser")) {
      String cluster =
          resource.body().path("metadata").path("labels").path("strimzi.io/cluster").asString("");
      if (!clusters.contains(cluster)) {
        problems.add(resource.id() + ": label strimzi.io/cluster names no Kafka '" + cluster + "'");
      }
    }
    for (Manifest user : of("KafkaUser")) {
      for (JsonNode acl : user.spec().path("authorization").path("acls")) {
        JsonNode resource = acl.path("resource");
        if (resource.path("type").asString().equals("topic")
            && !"prefix".equals(resource.path("patternType").asString())
            && !topics.contains(resource.path("name").asString())) {
          problems.add(
              user.id()
                  + ": ACL on topic '"
                  + resource.path("name").asString()
                  + "', which has no KafkaTopic");
        }
      }
    }
  }
}
