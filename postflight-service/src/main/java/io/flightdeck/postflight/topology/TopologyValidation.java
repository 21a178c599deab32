package io.flightdeck.postflight.topology;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.record.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a topology before it is stored, first as a document (names well formed and unique, no
 * server in two places, no server id claimed by two servers), then against the servers themselves:
 * each answers, its {@code server_id} and {@code gtid_domain_id} are the declared ones (undeclared
 * ones are filled in from it), a primary is writable, and a replica is {@code read_only} and
 * replicates from its shard's primary. The first problem fails the check with an {@link
 * InvalidFieldException} naming the field, e.g. {@code shards[1].replicas[0].port}.
 */
@ApplicationScoped
public class TopologyValidation {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final ServerProbe probe;

  public TopologyValidation(ServerProbe probe) {
    this.probe = probe;
  }

  /** The topology with every server's ids filled in, or a failure naming the first problem. */
  public Uni<Topology> validated(Topology wanted) {
    List<Placed> servers = placed(wanted);
    checkDocument(servers);
    Uni<List<Topology.Server>> chain = Uni.createFrom().item(new ArrayList<>());
    for (Placed placed : servers) {
      chain = chain.chain(done -> live(placed).map(server -> append(done, server)));
    }
    return chain.map(checked -> filledIn(wanted, checked)).invoke(TopologyValidation::uniqueIds);
  }

  private static List<Topology.Server> append(List<Topology.Server> done, Topology.Server server) {
    done.add(server);
    return done;
  }

  /** A server with its field path and the primary it must replicate from (null for a primary). */
  private record Placed(String field, Topology.Server server, Topology.Server primary) {}

  private static List<Placed> placed(Topology topology) {
    List<Placed> placed = new ArrayList<>();
    for (int i = 0; i < topology.shards().size(); i++) {
      Topology.Shard shard = topology.shards().get(i);
      placed.add(new Placed("shards[%d].primary".formatted(i), shard.primary(), null));
      for (int j = 0; j < shard.replicas().size(); j++) {
        placed.add(
            new Placed(
                "shards[%d].replicas[%d]".formatted(i, j),
                shard.replicas().get(j),
                shard.primary()));
      }
    }
    return placed;
  }

  private static void checkDocument(List<Placed> servers) {
    Set<String> names = new HashSet<>();
    Set<String> places = new HashSet<>();
    for (Placed p : servers) {
      String name = p.server().name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new InvalidFieldException(
            p.field() + ".name",
            p.field()
                + ".name must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");
      }
      if (!names.add(name)) {
        throw new InvalidFieldException(
            p.field() + ".name", "%s.name: two servers are named '%s'".formatted(p.field(), name));
      }
      var s = p.server().server();
      String place =
          "%s:%d/%s".formatted(s.host().toLowerCase(Locale.ROOT), s.port(), s.database());
      if (!places.add(place)) {
        throw new InvalidFieldException(
            p.field() + ".port",
            "%s.port: %s is listed twice; a server has one place".formatted(p.field(), place));
      }
    }
  }

  private Uni<Topology.Server> live(Placed placed) {
    Topology.Server server = placed.server();
    return probe
        .facts(server.server())
        .onFailure(UnreachableServerException.class)
        .transform(
            e -> new InvalidFieldException(placed.field(), placed.field() + ": " + e.getMessage()))
        .map(facts -> checked(placed, facts));
  }

  private static Topology.Server checked(Placed placed, ServerFacts facts) {
    Topology.Server server = placed.server();
    String field = placed.field();
    same(field + ".server_id", server.serverId(), facts.serverId());
    same(field + ".gtid_domain_id", server.gtidDomainId(), facts.gtidDomainId());
    if (placed.primary() == null && facts.readOnly()) {
      throw new InvalidFieldException(
          field,
          "%s: %s has read_only ON; a primary must be writable".formatted(field, server.name()));
    }
    if (placed.primary() != null) {
      if (!facts.readOnly()) {
        throw new InvalidFieldException(
            field,
            "%s: %s has read_only OFF; a replica must be read_only"
                .formatted(field, server.name()));
      }
      var primary = placed.primary().server();
      if (facts.linkTo(primary.host(), primary.port()).isEmpty()) {
        throw new InvalidFieldException(
            field,
            "%s: %s does not replicate from its shard's primary %s:%d (its links: %s)"
                .formatted(
                    field,
                    server.name(),
                    primary.host(),
                    primary.port(),
                    facts.links().isEmpty()
                        ? "none"
                        : facts.links().stream()
                            .map(l -> l.masterHost() + ":" + l.masterPort())
                            .toList()));
      }
    }
    return new Topology.Server(
        server.name(),
        server.server(),
        server.role(),
        OptionalLong.of(facts.serverId()),
        OptionalLong.of(facts.gtidDomainId()));
  }

  private static void same(String field, OptionalLong declared, long actual) {
    if (declared.isPresent() && declared.getAsLong() != actual) {
      throw new InvalidFieldException(
          field,
          "%s is declared %d but the server says %d"
              .formatted(field, declared.getAsLong(), actual));
    }
  }

  private static Topology filledIn(Topology wanted, List<Topology.Server> checked) {
    List<Topology.Shard> shards = new ArrayList<>();
    int next = 0;
    for (Topology.Shard shard : wanted.shards()) {
      Topology.Server primary = checked.get(next++);
      List<Topology.Server> replicas = new ArrayList<>();
      for (int j = 0; j < shard.replicas().size(); j++) {
        replicas.add(checked.get(next++));
      }
      shards.add(new Topology.Shard(shard.id(), primary, replicas, shard.replicatesFrom()));
    }
    return new Topology(wanted.catalogueVersion(), shards);
  }

  /** Two servers (not two schemas of one server) may not share a {@code server_id}. */
  private static void uniqueIds(Topology topology) {
    Map<Long, String> byId = new HashMap<>();
    List<Placed> servers = placed(topology);
    for (Placed p : servers) {
      var s = p.server().server();
      String where = s.host().toLowerCase(Locale.ROOT) + ":" + s.port();
      String other = byId.putIfAbsent(p.server().serverId().getAsLong(), where);
      if (other != null && !other.equals(where)) {
        throw new InvalidFieldException(
            p.field() + ".server_id",
            "%s.server_id: %d is both %s's and %s's; every server needs its own"
                .formatted(p.field(), p.server().serverId().getAsLong(), other, where));
      }
    }
  }
}
