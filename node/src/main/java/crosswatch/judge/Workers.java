package crosswatch.judge;

/** Stopping the virtual threads that judging and chain following run on. */
public final class Workers {
  private Workers() {}

  /** Interrupts {@code thread} (if started) and waits for it to end; keeps the caller's interrupt if it is one. */
  public static void stop(Thread thread) {
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
