package crosswatch.faults;

/** The lying node polled over http: the scanner reads ranges, and every head it sees comes from the liar. */
class LyingNodeOverHttpTest extends LyingNodePhases {
  @Override
  protected Setup setup() {
    return Setup.http();
  }
}
