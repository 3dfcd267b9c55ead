package crosswatch.faults;

import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.Match;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The faulty chain over http: what a provider's http endpoint does wrong. */
@Tag("integration")
class HttpFaultsTest extends TransportFaultPhases {

  @Override
  protected Setup setup() {
    return Setup.http();
  }

  @Test
  @Order(1)
  void aRateLimitOf429WithRetryAfter() {
    PhaseOutcome outcome = run("429 Retry-After 3 s", Fault.http429(RETRY_AFTER));
    assertRight(outcome, retryAfterIgnored(outcome), rangesNarrowed(outcome));
  }

  @Test
  @Order(2)
  void aRateLimitThatLetsTwoRequestsASecondThrough() {
    assertRight(run("429 beyond 2 requests/s", new Fault.RateLimit(Match.any(), 2, RETRY_AFTER, true)));
  }

  @Test
  @Order(3)
  void serviceUnavailable() {
    assertRight(run("503", Fault.status(503)));
  }
}
