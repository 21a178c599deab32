package io.flightdeck.flags.shadow;

/**
 * What one shadow comparison is about, for its metrics and its entry among the mismatches.
 *
 * @param flag the flag whose variant asked for the comparison ({@code read-path})
 * @param accountSid the account the request is for
 * @param request what was asked, as the caller asked it (method and URI)
 * @param served the name of the path whose answer the caller gets ({@code legacy})
 * @param candidate the name of the path read in the background ({@code split})
 */
public record Trial(
    String flag, String accountSid, String request, String served, String candidate) {}
