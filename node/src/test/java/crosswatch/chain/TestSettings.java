package crosswatch.chain;

import crosswatch.judge.Backoff;
import java.time.Duration;

/** Chain settings for tests on local chains: short timeouts, quick retries, brisk polling. */
public final class TestSettings {
  private TestSettings() {}

  public static final ChainSettings FAST = ChainSettings.DEFAULTS
      .withRequestTimeout(Duration.ofSeconds(2))
      .withRetries(2, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)),
          new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)))
      .withPolling(Duration.ofMillis(50), Duration.ofSeconds(1))
      .withSafeHeadsInterval(Duration.ofMillis(200));
}
