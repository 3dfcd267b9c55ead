package crosswatch.chain;

import crosswatch.judge.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How chains are read: RPC timeouts and retries, how often the head is polled, how log ranges adapt.
 *
 * @param requestTimeout the longest one round trip may take
 * @param attempts tries of one round trip before its chain counts as unavailable
 * @param retry waits between tries of one round trip
 * @param reconnect waits between rounds while a chain stays unavailable
 * @param pollInterval how often an http(s) chain's head is asked for
 * @param webSocketSilence how long a ws(s) chain may send no new head before it is asked for one
 * @param safeHeadsInterval how often the safe and finalized heads are asked for (they move with L1)
 * @param initialRange blocks per eth_getLogs when catching up, before adapting
 * @param maxRange the most blocks one eth_getLogs may cover
 * @param progressLogInterval how often catch-up progress is logged
 */
public record ChainSettings(Duration requestTimeout, int attempts, Backoff retry, Backoff reconnect,
                            Duration pollInterval, Duration webSocketSilence, Duration safeHeadsInterval,
                            int initialRange, int maxRange, Duration progressLogInterval) {

  public static final ChainSettings DEFAULTS = new ChainSettings(Duration.ofSeconds(10), 4,
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)),
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)),
      Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(12), 2_000, 10_000, Duration.ofSeconds(5));

  public ChainSettings {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(webSocketSilence, "webSocketSilence");
    Objects.requireNonNull(safeHeadsInterval, "safeHeadsInterval");
    Objects.requireNonNull(progressLogInterval, "progressLogInterval");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
    }
    if (initialRange < 1 || maxRange < initialRange) {
      throw new IllegalArgumentException("log ranges need 1 <= initial <= max, got " + initialRange + ", " + maxRange);
    }
  }

  public ChainSettings withRequestTimeout(Duration timeout) {
    return new ChainSettings(timeout, attempts, retry, reconnect, pollInterval, webSocketSilence, safeHeadsInterval,
        initialRange, maxRange, progressLogInterval);
  }

  public ChainSettings withRetries(int attempts, Backoff retry, Backoff reconnect) {
    return new ChainSettings(requestTimeout, attempts, retry, reconnect, pollInterval, webSocketSilence,
        safeHeadsInterval, initialRange, maxRange, progressLogInterval);
  }

  public ChainSettings withPolling(Duration pollInterval, Duration webSocketSilence) {
    return new ChainSettings(requestTimeout, attempts, retry, reconnect, pollInterval, webSocketSilence,
        safeHeadsInterval, initialRange, maxRange, progressLogInterval);
  }

  public ChainSettings withSafeHeadsInterval(Duration safeHeadsInterval) {
    return new ChainSettings(requestTimeout, attempts, retry, reconnect, pollInterval, webSocketSilence,
        safeHeadsInterval, initialRange, maxRange, progressLogInterval);
  }

  public ChainSettings withRanges(int initialRange, int maxRange) {
    return new ChainSettings(requestTimeout, attempts, retry, reconnect, pollInterval, webSocketSilence,
        safeHeadsInterval, initialRange, maxRange, progressLogInterval);
  }
}
