package io.flightdeck.aggregator.calls;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The v2010 paging envelope around a page of calls; every URI is relative. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder(alphabetic = true)
public record CallList(
    List<PublicCall> calls,
    int end,
    String firstPageUri,
    String nextPageUri,
    int page,
    int pageSize,
    String previousPageUri,
    int start,
    String uri) {}
