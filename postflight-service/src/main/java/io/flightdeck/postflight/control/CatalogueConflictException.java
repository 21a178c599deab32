package io.flightdeck.postflight.control;

/**
 * A catalogue change that cannot be made in the current state of the catalogue or the maps (a 409
 * naming the field and why); nothing was stored.
 */
public class CatalogueConflictException extends RuntimeException {
  private final String field;

  public CatalogueConflictException(String field, String reason) {
    super(reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
