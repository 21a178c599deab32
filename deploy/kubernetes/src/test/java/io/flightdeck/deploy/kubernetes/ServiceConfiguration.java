package io.flightdeck.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's own {@code src/main/resources/application.properties} says: the keys it sets (in
 * any profile), the keys its values refer to ({@code ${key:default}}), and its Kafka channels.
 */
final class ServiceConfiguration {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)");
  private static final Pattern CHANNEL =
      Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|group\\.id)");

  /** One channel: its direction, name, topic and (incoming) consumer group. */
  record Channel(boolean incoming, String name, String topic, String group) {}

  private final Map<String, String> values = new TreeMap<>();
  private final Set<String> keys = new TreeSet<>();

  private ServiceConfiguration() {}

  static ServiceConfiguration of(Path module) {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServiceConfiguration configuration = new ServiceConfiguration();
    for (String name : properties.stringPropertyNames()) {
      String value = properties.getProperty(name);
      String key = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
      configuration.keys.add(key);
      if (!name.startsWith("%")) {
        configuration.values.put(key, value);
      }
      Matcher reference = REFERENCE.matcher(value);
      while (reference.find()) {
        configuration.keys.add(reference.group(1));
      }
    }
    return configuration;
  }

  /** Every key this file sets or refers to, profile prefixes removed. */
  Set<String> keys() {
    return keys;
  }

  /** The value of a key outside any profile, or null. */
  String value(String key) {
    return values.get(key);
  }

  /** Whether the service talks to Kafka at all. */
  boolean usesKafka() {
    return keys.contains("kafka.bootstrap.servers");
  }

  /** The Kafka channels, by name. */
  Map<String, Channel> channels() {
    Map<String, Channel> channels = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          Matcher channel = CHANNEL.matcher(key);
          if (channel.matches() && channel.group(3).equals("topic")) {
            boolean incoming = channel.group(1).equals("incoming");
            String prefix = "mp.messaging." + channel.group(1) + "." + channel.group(2) + ".";
            channels.put(
                channel.group(2),
                new Channel(incoming, channel.group(2), value, values.get(prefix + "group.id")));
          }
        });
    return channels;
  }

  /**
   * The environment variable SmallRye Config reads for a key: every character that is not a letter
   * or a digit becomes {@code _}, the rest is upper-cased ({@code flightdeck.postflight.shards.
   * "shard-0".host} is {@code FLIGHTDECK_POSTFLIGHT_SHARDS__SHARD_0__HOST}).
   */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
