package io.flightdeck.aggregator.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The v2010 paging envelope (twilio-api.md §4) of every public list, beside the records (which each
 * list puts under its own key, {@code calls} or {@code messages}). Every URI is relative and
 * repeats the list's filters, so a client that follows {@code next_page_uri} keeps its filters.
 * {@code previous_page_uri} is always {@code null}: page tokens lead forward only.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder(alphabetic = true)
public record Envelope(
    long end,
    String firstPageUri,
    String nextPageUri,
    int page,
    int pageSize,
    String previousPageUri,
    long start,
    String uri) {}
