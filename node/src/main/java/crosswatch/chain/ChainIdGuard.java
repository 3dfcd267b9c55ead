package crosswatch.chain;

import crosswatch.judge.Backoff;
import crosswatch.metrics.RpcMeters;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one endpoint serves its configured chain, as the transports learn it from {@code eth_chainId} on each new
 * connection. An endpoint found serving another chain is disconnected: until its next check, after a backoff,
 * every call fails at once as {@link RpcFailure.Kind#WRONG_CHAIN}; a check that finds the right chain again puts
 * it back in use.
 */
final class ChainIdGuard {
  private static final Logger log = LoggerFactory.getLogger(ChainIdGuard.class);

  private final ChainEndpoint endpoint;
  private final Backoff backoff;
  private final RpcMeters meters;
  private int wrongChecks;
  private long served = -1;
  private long nextCheckNanos;

  ChainIdGuard(ChainEndpoint endpoint, Backoff backoff, RpcMeters meters) {
    this.endpoint = endpoint;
    this.backoff = backoff;
    this.meters = meters;
  }

  /** Fails at once while the endpoint is known to serve another chain and its next check is not due yet. */
  synchronized void beforeConnecting() throws RpcFailure {
    if (wrongChecks > 0 && System.nanoTime() - nextCheckNanos < 0) {
      throw RpcFailure.wrongChain(served);
    }
  }

  /** Takes the answer of a new connection's {@code eth_chainId}; fails when it names another chain. */
  synchronized void check(long actual) throws RpcFailure {
    if (actual == endpoint.chainId()) {
      if (wrongChecks > 0) {
        log.info("rpc endpoint serves its chain again chainId={} rpc={}", endpoint.chainId(), endpoint.display());
      }
      wrongChecks = 0;
      served = -1;
      return;
    }
    meters.wrongChain();
    if (wrongChecks == 0 || served != actual) {
      log.error("rpc endpoint serves another chain chainId={} rpc={} actualChainId={}", endpoint.chainId(),
          endpoint.display(), actual);
    }
    wrongChecks++;
    served = actual;
    nextCheckNanos = System.nanoTime() + backoff.delay(wrongChecks, ThreadLocalRandom.current()).toNanos();
    throw RpcFailure.wrongChain(actual);
  }
}
