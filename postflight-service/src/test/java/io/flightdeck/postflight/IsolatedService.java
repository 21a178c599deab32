package io.flightdeck.postflight;

import io.flightdeck.servers.testing.TestServers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged service run as a process of its own beside the test's Quarkus application, on the
 * test servers but with shard databases, a control database, topics and consumer groups of its own,
 * so neither sees the other's records; and what it stored, counted on both shard servers.
 */
public final class IsolatedService {
  private IsolatedService() {}

  /**
   * The service's properties: shard schema {@code database} on both shard servers, its own
   * catalogue, topics prefixed with {@code prefix}, {@code topic} for completed records.
   */
  public static Map<String, String> properties(String prefix, String database, String topic) {
    Map<String, String> properties = new HashMap<>();
    properties.put("flightdeck.postflight.shards.\"shard-0\".database", database);
    properties.put("flightdeck.postflight.shards.\"shard-1\".database", database);
    // A catalogue of its own: it is seeded from the two keys above at this run's first start.
    properties.put("flightdeck.postflight.control.database", database + "_control");
    properties.put("mp.messaging.incoming.records-completed.topic", topic);
    properties.put("mp.messaging.incoming.records-completed.group.id", prefix);
    properties.put("mp.messaging.incoming.records-completed-retry.topic", prefix + ".retry");
    properties.put("mp.messaging.incoming.records-completed-retry.group.id", prefix + "-retry");
    properties.put("mp.messaging.outgoing.records-completed-retry-out.topic", prefix + ".retry");
    properties.put("mp.messaging.outgoing.records-dead-letter.topic", prefix + ".dead-letter");
    properties.put("mp.messaging.outgoing.records-persisted.topic", prefix + ".records.persisted");
    // The killed instance's group member holds its partitions until its session times out (45 s
    // by default): 10 s hands them to the restart sooner, still far above the 3 s heartbeat.
    properties.put("kafka.session.timeout.ms", "10000");
    return properties;
  }

  /** The rows of both tables of {@code database}, over both shard servers. */
  public static long stored(String database) {
    return sumOverShards(
        "SELECT (SELECT COUNT(*) FROM "
            + database
            + ".calls) + (SELECT COUNT(*) FROM "
            + database
            + ".messages)");
  }

  /** The distinct Sids of both tables of {@code database}, over both shard servers. */
  public static long distinctSids(String database) {
    return sumOverShards(
        "SELECT (SELECT COUNT(DISTINCT sid) FROM "
            + database
            + ".calls) + (SELECT COUNT(DISTINCT sid) FROM "
            + database
            + ".messages)");
  }

  private static long sumOverShards(String sql) {
    long sum = 0;
    for (String shard : List.of("shard-0", "shard-1")) {
      try {
        sum += Long.parseLong(TestServers.servers().mariaDb(shard).sql(sql).strip());
      } catch (RuntimeException e) {
        // the service has not created its tables on this shard yet
      }
    }
    return sum;
  }
}
