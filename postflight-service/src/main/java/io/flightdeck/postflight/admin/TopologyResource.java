package io.flightdeck.postflight.admin;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.control.TopologyStore;
import io.flightdeck.postflight.store.ReplicaPools.ReplicaKey;
import io.flightdeck.postflight.store.ServingState;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.postflight.topology.ServerFacts;
import io.flightdeck.postflight.topology.ServerProbe;
import io.flightdeck.postflight.topology.TopologyValidation;
import io.flightdeck.record.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The declarative topology (operators' API): every shard's primary and replicas with their roles
 * and replication identity, shown with what each server says of itself now, and replaced as a whole
 * after a validation against the servers. Every instance follows a change within a second.
 */
@Path("/admin/v1/Topology")
@Callers(Role.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class TopologyResource {
  private final TopologyStore store;
  private final TopologyValidation validation;
  private final ServerProbe probe;
  private final Shards shards;

  public TopologyResource(
      TopologyStore store, TopologyValidation validation, ServerProbe probe, Shards shards) {
    this.store = store;
    this.validation = validation;
    this.probe = probe;
    this.shards = shards;
  }

  @GET
  @Operation(
      summary = "The topology in force, each server with its state now",
      description =
          "A server's state says whether it answered, whether it is read_only, and for a replica whether both"
              + " replication threads run, how many seconds it is behind its primary and whether it serves"
              + " reads (serving_reads).")
  public Uni<TopologyBody> show() {
    return store.read().chain(this::shown);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace the topology",
      description =
          "The document lists exactly the catalogue's shards. It is checked as a whole before anything is"
              + " stored: names and servers unique, every server reachable with the declared server_id and"
              + " gtid_domain_id (filled in when left out), each primary writable, each replica read_only and"
              + " replicating from its shard's primary. With catalogue_version, refused when the catalogue"
              + " moved on since.")
  @APIResponse(responseCode = "200", description = "Stored; the body is the topology in force")
  @APIResponse(
      responseCode = "400",
      description = "A field missing or wrong, or a server not as declared, named; nothing changed")
  @APIResponse(
      responseCode = "409",
      description =
          "The shards are not the catalogue's, or catalogue_version is stale; nothing changed")
  public Uni<TopologyBody> replace(TopologyBody body) {
    if (body == null) {
      throw new InvalidFieldException("body", "the body must be the topology document");
    }
    OptionalLong basedOn =
        body.catalogueVersion() == null
            ? OptionalLong.empty()
            : OptionalLong.of(body.catalogueVersion());
    return store
        .read()
        .map(body::topology)
        .chain(validation::validated)
        .chain(wanted -> store.replace(wanted, basedOn))
        .chain(this::shown);
  }

  /**
   * The document of the topology, each server with its state now; ids not declared are shown as the
   * server says them.
   */
  private Uni<TopologyBody> shown(Topology topology) {
    List<Uni<Probed>> probes =
        topology.shards().stream()
            .flatMap(
                shard ->
                    shard
                        .servers()
                        .map(
                            server ->
                                probed(server, server == shard.primary() ? null : shard.primary())))
            .toList();
    if (probes.isEmpty()) {
      return Uni.createFrom().item(TopologyBody.of(topology, Map.of()));
    }
    return Uni.join()
        .all(probes)
        .andCollectFailures()
        .map(
            all -> {
              Map<String, Probed> byName = new HashMap<>();
              all.forEach(p -> byName.put(p.name(), p));
              Map<String, TopologyBody.State> states = new HashMap<>();
              byName.forEach((name, p) -> states.put(name, p.state()));
              topology
                  .shards()
                  .forEach(
                      shard ->
                          shard
                              .replicas()
                              .forEach(
                                  r ->
                                      states.computeIfPresent(
                                          r.name(),
                                          (name, state) ->
                                              state.servingReads(
                                                  shards
                                                          .replicas()
                                                          .seen(new ReplicaKey(shard.id(), name))
                                                          .state()
                                                      == ServingState.SERVING))));
              return TopologyBody.of(filledIn(topology, byName), states);
            });
  }

  /** A server's state, and what it said of itself when it answered. */
  private record Probed(String name, TopologyBody.State state, Optional<ServerFacts> facts) {}

  private Uni<Probed> probed(Topology.Server server, Topology.Server primary) {
    return probe
        .facts(server.server())
        .map(
            facts ->
                new Probed(
                    server.name(),
                    TopologyBody.State.of(Optional.of(facts), primary, null),
                    Optional.of(facts)))
        .onFailure()
        .recoverWithItem(
            e ->
                new Probed(
                    server.name(),
                    TopologyBody.State.of(Optional.empty(), primary, e.getMessage()),
                    Optional.empty()));
  }

  private static Topology filledIn(Topology topology, Map<String, Probed> probed) {
    return new Topology(
        topology.catalogueVersion(),
        topology.shards().stream()
            .map(
                s ->
                    new Topology.Shard(
                        s.id(),
                        filledIn(s.primary(), probed),
                        s.replicas().stream().map(r -> filledIn(r, probed)).toList(),
                        s.replicatesFrom()))
            .toList());
  }

  private static Topology.Server filledIn(Topology.Server server, Map<String, Probed> probed) {
    Optional<ServerFacts> facts = probed.get(server.name()).facts();
    return new Topology.Server(
        server.name(),
        server.server(),
        server.role(),
        server.serverId().isPresent() || facts.isEmpty()
            ? server.serverId()
            : OptionalLong.of(facts.get().serverId()),
        server.gtidDomainId().isPresent() || facts.isEmpty()
            ? server.gtidDomainId()
            : OptionalLong.of(facts.get().gtidDomainId()));
  }
}
