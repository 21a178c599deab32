package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.topology.ServerFacts;
import io.flightdeck.record.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The topology document of {@code GET/PUT /admin/v1/Topology}: {@code {"catalogue_version": 12,
 * "shards": [{"id": "shard-1", "primary": {"name": "shard-1", "host": …, "port": …, "user": …,
 * "database": "postflight", "server_id": 3311, "gtid_domain_id": 3311}, "replicas": [{…, "role":
 * "reads"}]}]}}. Passwords are never shown; sent, a server already in the catalogue (same host,
 * port and schema) may leave its own out. What GET adds as each server's {@code state} is ignored
 * by PUT.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TopologyBody(Long catalogueVersion, List<Shard> shards) {
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z0-9_]{1,64}");

  /** One shard's servers. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Shard(String id, Server primary, List<Server> replicas, String replicatesFrom) {}

  /** One server; {@code role} only for replicas. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Server(
      String name,
      String host,
      Integer port,
      String user,
      String password,
      String database,
      String role,
      Long serverId,
      Long gtidDomainId,
      State state) {}

  /**
   * What the server said when the topology was shown: whether it answered, takes writes, and for a
   * replica whether both replication threads run, how far behind its primary it is, and whether it
   * serves reads now ({@code serving_reads}: its serving state is {@code serving}).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record State(
      boolean reachable,
      Boolean readOnly,
      Boolean replicating,
      Long secondsBehind,
      String error,
      Boolean servingReads) {
    State(
        boolean reachable,
        Boolean readOnly,
        Boolean replicating,
        Long secondsBehind,
        String error) {
      this(reachable, readOnly, replicating, secondsBehind, error, null);
    }

    /** The same, with whether the replica serves reads now (as this instance sees it). */
    State servingReads(boolean serving) {
      return new State(reachable, readOnly, replicating, secondsBehind, error, serving);
    }

    static State of(Optional<ServerFacts> facts, Topology.Server primary, String unreachable) {
      if (facts.isEmpty()) {
        return new State(false, null, null, null, unreachable);
      }
      ServerFacts f = facts.get();
      if (primary == null) {
        return new State(true, f.readOnly(), null, null, null);
      }
      var source = primary.server();
      return f.linkTo(source.host(), source.port())
          .map(
              link ->
                  new State(
                      true,
                      f.readOnly(),
                      link.replicating(),
                      link.secondsBehind().orElse(null),
                      link.lastError().isEmpty() ? null : link.lastError()))
          .orElseGet(
              () ->
                  new State(
                      true,
                      f.readOnly(),
                      false,
                      null,
                      "no replication link to " + source.host() + ":" + source.port()));
    }
  }

  /** The document of a topology, with each server's state as probed (by server name). */
  static TopologyBody of(Topology topology, Map<String, State> states) {
    return new TopologyBody(
        topology.catalogueVersion(),
        topology.shards().stream()
            .map(
                s ->
                    new Shard(
                        s.id(),
                        server(s.primary(), null, states),
                        s.replicas().stream()
                            .map(r -> server(r, r.role().wireName(), states))
                            .toList(),
                        s.replicatesFrom().orElse(null)))
            .toList());
  }

  private static Server server(Topology.Server s, String role, Map<String, State> states) {
    DatabaseServer d = s.server();
    return new Server(
        s.name(),
        d.host(),
        d.port(),
        d.user(),
        null,
        d.database(),
        role,
        s.serverId().isPresent() ? s.serverId().getAsLong() : null,
        s.gtidDomainId().isPresent() ? s.gtidDomainId().getAsLong() : null,
        states.get(s.name()));
  }

  /**
   * The topology this document asks for, given the one in force (for passwords left out and for
   * which shard replicates from which, which only operations change), or a 400 naming the first
   * field missing or wrong.
   */
  Topology topology(Topology current) {
    if (shards == null) {
      throw new InvalidFieldException("shards", "shards is required");
    }
    List<Topology.Shard> wanted = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      String field = "shards[%d]".formatted(i);
      Shard shard = shards.get(i);
      if (shard == null || shard.id() == null) {
        throw new InvalidFieldException(field + ".id", field + ".id is required");
      }
      if (shard.primary() == null) {
        throw new InvalidFieldException(field + ".primary", field + ".primary is required");
      }
      List<Topology.Server> replicas = new ArrayList<>();
      List<Server> given = shard.replicas() == null ? List.of() : shard.replicas();
      for (int j = 0; j < given.size(); j++) {
        replicas.add(server(field + ".replicas[%d]".formatted(j), given.get(j), true, current));
      }
      wanted.add(
          new Topology.Shard(
              shard.id(),
              server(field + ".primary", shard.primary(), false, current),
              replicas,
              current.shard(shard.id()).flatMap(Topology.Shard::replicatesFrom)));
    }
    return new Topology(current.catalogueVersion(), wanted);
  }

  private static Topology.Server server(String field, Server s, boolean replica, Topology current) {
    if (s == null) {
      throw new InvalidFieldException(field, field + " is empty");
    }
    if (s.host() == null || s.host().isBlank()) {
      throw new InvalidFieldException(field + ".host", field + ".host is required");
    }
    if (s.port() == null || s.port() < 1 || s.port() > 65535) {
      throw new InvalidFieldException(field + ".port", field + ".port must be 1..65535");
    }
    if (s.user() == null || s.user().isBlank()) {
      throw new InvalidFieldException(field + ".user", field + ".user is required");
    }
    String schema = s.database() == null ? "postflight" : s.database();
    if (!SCHEMA.matcher(schema).matches()) {
      throw new InvalidFieldException(
          field + ".database", field + ".database must be 1 to 64 letters, digits or underscores");
    }
    DatabaseServer place = new DatabaseServer(s.host(), s.port(), s.user(), "", schema);
    String password =
        Optional.ofNullable(s.password())
            .or(() -> knownPassword(current, place))
            .orElseThrow(
                () ->
                    new InvalidFieldException(
                        field + ".password",
                        field
                            + ".password is required for a server not in the topology yet (it may be empty)"));
    Topology.Role role = Topology.Role.READS;
    if (replica && s.role() != null) {
      role =
          Topology.Role.parse(s.role())
              .orElseThrow(
                  () ->
                      new InvalidFieldException(
                          field + ".role", field + ".role must be 'reads' or 'backup'"));
    }
    return new Topology.Server(
        s.name(),
        new DatabaseServer(s.host(), s.port(), s.user(), password, schema),
        role,
        s.serverId() == null ? OptionalLong.empty() : OptionalLong.of(s.serverId()),
        s.gtidDomainId() == null ? OptionalLong.empty() : OptionalLong.of(s.gtidDomainId()));
  }

  private static Optional<String> knownPassword(Topology current, DatabaseServer place) {
    return current.shards().stream()
        .flatMap(Topology.Shard::servers)
        .filter(known -> known.sameAs(place) && known.server().user().equals(place.user()))
        .map(known -> known.server().password())
        .findFirst();
  }
}
