package crosswatch.faults;

/** The lying node followed over ws: the scanner reads announced blocks by hash. */
class LyingNodeOverWebSocketTest extends LyingNodePhases {
  @Override
  protected Setup setup() {
    return Setup.ws();
  }
}
