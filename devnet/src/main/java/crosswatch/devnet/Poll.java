package crosswatch.devnet;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** A bounded wait on a condition that no event announces (a process listening, a receipt appearing). */
final class Poll {
  private static final Duration INTERVAL = Duration.ofMillis(25);

  private Poll() {}

  /**
   * Asks {@code probe} until it answers, {@code timeout} passes or the thread is interrupted.
   *
   * @throws IllegalStateException naming {@code what} when the time is up
   */
  static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> answer = probe.get();
      if (answer.isPresent()) {
        return answer.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }
}
