package io.flightdeck.postflight.admin;

import io.flightdeck.postflight.partitions.PartitionReport;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The monthly partitions of every shard (operators' API). */
@Path("/admin/v1/Partitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "Partitions",
    description = "Monthly partitions: the months on every shard, their retirement")
public class PartitionsResource {
  private final PartitionReport report;

  public PartitionsResource(PartitionReport report) {
    this.report = report;
  }

  @GET
  @Operation(
      summary =
          "Per shard and table: the months present with their rows, the months kept ahead, and the retention",
      description =
          "Rows are InnoDB's estimates unless Exact=true, which counts every partition (slow on large shards)."
              + " A shard that does not answer is listed as down with the reason.")
  public Uni<PartitionReport.Report> partitions(
      @Parameter(description = "Count rows exactly (true) instead of InnoDB's estimate")
          @QueryParam("Exact")
          boolean exact) {
    return report.report(exact);
  }
}
