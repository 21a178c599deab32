package io.flightdeck.aggregator.paging;

/**
 * A page of a public list ({@code CallList}, {@code MessageList}): its records beside the {@link
 * Envelope}, written in one piece by {@link PublicPageWriter}.
 */
public interface PublicPage {
  Envelope envelope();
}
