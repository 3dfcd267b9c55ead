package crosswatch.faults;

import org.junit.jupiter.api.Tag;

/** The lying node polled over http: the scanner reads ranges, and every head it sees comes from the liar. */
@Tag("integration")
class LyingNodeOverHttpTest extends LyingNodePhases {
  @Override
  protected Setup setup() {
    return Setup.http();
  }
}
