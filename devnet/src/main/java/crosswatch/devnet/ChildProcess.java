package crosswatch.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OS process this JVM started and must not leak: {@link #stop()} ends it (politely, then by force) and is
 * idempotent, and a shutdown hook ends it when the JVM exits first (a failed test, Ctrl-C).
 */
public final class ChildProcess {
  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final Thread shutdownHook;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.shutdownHook = new Thread(this::terminate, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static ChildProcess start(String name, ProcessBuilder builder) {
    try {
      return new ChildProcess(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + builder.command().getFirst(), e);
    }
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, then SIGKILL after a grace period; calling it again does nothing. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    terminate();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway and finds the process gone.
    }
  }

  private synchronized void terminate() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("process ignored SIGTERM, killing it name={} pid={}", name, process.pid());
        process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    log.info("process stopped name={} pid={} exitCode={}", name, process.pid(),
        process.isAlive() ? "running" : process.exitValue());
  }
}
