package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.InflightCalls.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A third in-flight node added to a running two-node service, as an operator does it: the server is
 * provisioned, then the service is started again with the node in its configuration (the launcher
 * restarts a service whose properties changed). The slot map gives the new node its share of slots
 * for new records only: calls created before stay on their nodes and are read and moved as before,
 * and new calls spread to the new node too.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class InflightNodeJoinIT {
  private static final String INFLIGHT = LocalStack.INFLIGHT;
  private static final int CALLS = 40;

  private static ServerSet servers;

  @AfterAll
  static void stopTheServers() {
    if (servers != null) {
      servers.stop();
    }
  }

  @Test
  void aNodeAddedWhileRunningTakesNewCreatesAndOldSidsResolveAsBefore() {
    Path state = Path.of("target", "inflight-node-join-it").toAbsolutePath();
    int kafka = Ports.free();
    int service = Ports.free();
    servers = withNodes(state, 2, kafka, service);
    servers.wipe();
    servers.start();
    InflightCalls calls = new InflightCalls(servers.quarkusService(INFLIGHT).url());
    String before = Sid.mint(SidKind.ACCOUNT).value();
    List<String> old = createRinging(calls, before);
    assertThat(liveRowsOn("inflight-0", before) + liveRowsOn("inflight-1", before))
        .isEqualTo(CALLS);

    servers = withNodes(state, 3, kafka, service); // the same servers; the service restarts
    servers.start();
    calls = new InflightCalls(servers.quarkusService(INFLIGHT).url());

    assertThat(control("SELECT COUNT(*) FROM slot_owner WHERE node = 'inflight-2'"))
        .as("slots the new node took")
        .isEqualTo(String.valueOf(64 / 3));
    List<String> notAsBefore = new ArrayList<>();
    for (String sid : old) {
      Reply read = calls.get(before, sid);
      Reply moved = calls.transition(before, sid, "in-progress");
      if (!read.accepted() || !"ringing".equals(read.status()) || moved.code() != 200) {
        notAsBefore.add(sid + ": read " + read + ", moved " + moved);
      }
    }
    assertThat(notAsBefore).as("calls created before the node joined").isEmpty();
    assertThat(liveRowsOn("inflight-2", before)).as("old calls on the new node").isZero();

    String after = Sid.mint(SidKind.ACCOUNT).value();
    createRinging(calls, after);
    assertThat(liveRowsOn("inflight-2", after)).as("new calls on the new node").isPositive();
    assertThat(
            liveRowsOn("inflight-0", after)
                + liveRowsOn("inflight-1", after)
                + liveRowsOn("inflight-2", after))
        .isEqualTo(CALLS);
    Reply listed = calls.list(after, 100, "");
    assertThat(listed.record().path("records").size()).isEqualTo(CALLS);
  }

  private static List<String> createRinging(InflightCalls calls, String account) {
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      Reply created = calls.createMinted(account);
      assertThat(created.code()).as("create %s", created).isEqualTo(201);
      String sid = created.record().path("sid").asText();
      assertThat(calls.transition(account, sid, "ringing").code()).isEqualTo(200);
      sids.add(sid);
    }
    return sids;
  }

  /**
   * Every node's server exists from the start (a node is provisioned before the service is told
   * about it); the service is configured with the first {@code nodes} of them.
   */
  private static ServerSet withNodes(Path state, int nodes, int kafka, int service) {
    return ServerSet.builder(state.resolve("servers"))
        .mariaDb(InflightNodes.stores(3).toArray(String[]::new))
        .mariaDb(InflightNodes.CONTROL_STORE)
        .kafka()
        .quarkusService(
            INFLIGHT,
            ProjectRoot.locate().resolve("inflight-service/target/quarkus-app/quarkus-run.jar"),
            InflightNodes.serviceProperties(nodes))
        .port("kafka", kafka)
        .port(INFLIGHT, service)
        .build();
  }

  private static long liveRowsOn(String node, String account) {
    return Long.parseLong(
        servers
            .mariaDb(node)
            .sql("SELECT COUNT(*) FROM inflight.live_record WHERE account_sid = '" + account + "'")
            .strip());
  }

  private static String control(String sql) {
    return servers.mariaDb(InflightNodes.CONTROL_STORE).sql("USE inflight_control; " + sql).strip();
  }
}
