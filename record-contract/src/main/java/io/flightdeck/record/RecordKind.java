package io.flightdeck.record;

/** The two resources whose life this platform runs. */
public enum RecordKind {
  CALL(SidKind.CALL),
  MESSAGE(SidKind.MESSAGE);

  private final SidKind sidKind;

  RecordKind(SidKind sidKind) {
    this.sidKind = sidKind;
  }

  public SidKind sidKind() {
    return sidKind;
  }
}
