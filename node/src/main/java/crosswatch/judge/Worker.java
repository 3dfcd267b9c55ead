package crosswatch.judge;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named virtual thread that runs one step again and again until it is stopped: the loop that every long-running
 * part of judging and chain following shares. A step blocks for its input (a queue, a sleep, a head) and handles
 * the failures it expects; being interrupted ends the loop. A step that throws unexpectedly is logged and the
 * loop goes on after a pause, so one bad round never ends a chain's watch and a broken step cannot spin.
 */
public final class Worker {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

  /** One round of a worker's loop. */
  @FunctionalInterface
  public interface Step {
    void run() throws InterruptedException;
  }

  private final Thread thread;

  private Worker(Thread thread) {
    this.thread = thread;
  }

  public static Worker start(String name, Step step) {
    return new Worker(Thread.ofVirtual().name(name).start(() -> loop(name, step)));
  }

  private static void loop(String name, Step step) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        step.run();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        log.error("worker step failed worker={}", name, e);
        try {
          Thread.sleep(PAUSE_AFTER_FAILURE);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** Interrupts the loop and waits for it to end; keeps the caller's interrupt if it is one. */
  public void stop() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Like {@link #stop()}, waiting at most {@code maxWait}: a step stuck in a call past it is left to finish. */
  public void stop(Duration maxWait) {
    thread.interrupt();
    try {
      thread.join(maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops {@code worker} when it was started. */
  public static void stop(Worker worker) {
    if (worker != null) {
      worker.stop();
    }
  }
}
