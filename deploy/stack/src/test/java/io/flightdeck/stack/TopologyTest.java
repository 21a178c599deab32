package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** What {@code status} and {@code replica add} read from and write to postflight's topology. */
class TopologyTest {
  private static final String DOCUMENT =
      """
      {"catalogue_version": 12,
       "shards": [
        {"id": "shard-0",
         "primary": {"name": "shard-0", "host": "127.0.0.1", "port": 3311, "user": "flightdeck",
                     "database": "postflight", "server_id": 3311, "gtid_domain_id": 3311},
         "replicas": [
          {"name": "shard-0-replica-1", "host": "127.0.0.1", "port": 3320, "user": "flightdeck",
           "database": "postflight", "role": "reads", "server_id": 3320, "gtid_domain_id": 3320,
           "state": {"replicating": true, "seconds_behind": 0, "serving_reads": true, "error": ""}},
          {"name": "shard-0-replica-3", "host": "127.0.0.1", "port": 3321, "user": "flightdeck",
           "database": "postflight", "role": "backup",
           "state": {"replicating": false, "seconds_behind": null, "serving_reads": false,
                     "error": "Got fatal error 1236"}}],
         "replicates_from": null},
        {"id": "shard-1",
         "primary": {"name": "shard-1", "host": "127.0.0.1", "port": 3312, "user": "flightdeck",
                     "database": "postflight"},
         "replicas": [], "replicates_from": null}]}
      """;

  private static Topology topology() throws Exception {
    return new Topology(new ObjectMapper().readTree(DOCUMENT));
  }

  @Test
  void eachShardShowsItsPrimaryAndEachReplicasRoleAndLag() throws Exception {
    assertThat(topology().lines())
        .containsExactly(
            "shard-0: primary shard-0 127.0.0.1:3311",
            "  replica shard-0-replica-1 127.0.0.1:3320 (reads): replicating, 0 s behind,"
                + " serving reads",
            "  replica shard-0-replica-3 127.0.0.1:3321 (backup): NOT replicating,"
                + " not serving reads, error: Got fatal error 1236",
            "shard-1: primary shard-1 127.0.0.1:3312, no replicas");
    assertThat(topology().lines("shard-1"))
        .containsExactly("shard-1: primary shard-1 127.0.0.1:3312, no replicas");
  }

  @Test
  void aDefaultReplicaNameIsTheFirstFreeNumber() throws Exception {
    assertThat(topology().firstFreeReplicaName("shard-0")).isEqualTo("shard-0-replica-2");
    assertThat(topology().firstFreeReplicaName("shard-1")).isEqualTo("shard-1-replica-1");
  }

  @Test
  void anAddedReplicaIsAppendedToItsShardAndLiveStateIsLeftOut() throws Exception {
    JsonNode changed =
        topology()
            .withReplica(
                "shard-1",
                JsonNodeFactory.instance
                    .objectNode()
                    .put("name", "shard-1-replica-1")
                    .put("port", 3330));

    assertThat(changed.path("catalogue_version").asInt()).isEqualTo(12);
    assertThat(changed.path("shards").get(1).path("replicas").get(0).path("name").asText())
        .isEqualTo("shard-1-replica-1");
    assertThat(changed.path("shards").get(0).path("replicas").get(0).has("state")).isFalse();
    assertThat(topology().replica("shard-0", "shard-0-replica-1").map(Topology::replicating))
        .contains(true);
    assertThat(topology().replica("shard-1", "shard-1-replica-1")).isEmpty();
  }
}
