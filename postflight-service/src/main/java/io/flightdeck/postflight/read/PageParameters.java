package io.flightdeck.postflight.read;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The page a list request asks for: its size and the position it starts after. */
public class PageParameters {
  @Parameter(
      description =
          "Records per page, 1 to 1001 (the largest public page and one more); default 50")
  @QueryParam("PageSize")
  String pageSize;

  @Parameter(description = "date_created of the last record of the page before (ISO-8601)")
  @QueryParam("AfterDateCreated")
  String afterDateCreated;

  @Parameter(description = "Sid of the last record of the page before")
  @QueryParam("AfterSid")
  String afterSid;
}
