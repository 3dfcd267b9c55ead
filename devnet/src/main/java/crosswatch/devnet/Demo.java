package crosswatch.devnet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/demo}: three anvil chains (901, 902, 903), a Crosswatch node watching them, traffic with about
 * one invalid message in twenty, and a Prometheus server scraping the node with the alert rules loaded. Ctrl-C
 * stops everything; so does the node exiting, with a non-zero code. Every line it prints is a key=value log
 * event in the node's format; anvil and Prometheus write to log files it names.
 */
public final class Demo {
  private static final String LOGBACK_CONFIG = "logback.configurationFile";

  private Demo() {}

  public static void main(String[] args) {
    if (System.getProperty(LOGBACK_CONFIG) == null) {
      System.setProperty(LOGBACK_CONFIG, "crosswatch/devnet/demo-logback.xml");
    }
    System.exit(run(args));
  }

  /** Runs until the node exits or the JVM is told to stop; the process exit code. */
  static int run(String[] args) {
    // Not a static field: main must name the logging configuration before the first logger is made.
    Logger log = LoggerFactory.getLogger(Demo.class);
    DemoArgs demoArgs;
    try {
      demoArgs = DemoArgs.parse(args);
    } catch (IllegalArgumentException e) {
      log.error("bad demo argument: {} usage=\"{}\"", e.getMessage(), DemoArgs.USAGE);
      return 2;
    }
    DemoSession session = new DemoSession(demoArgs);
    Thread stopOnExit = new Thread(session::close, "demo-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      session.start();
      int nodeExit = session.awaitNodeExit();
      if (session.isClosing()) {
        return 0;
      }
      log.error("the node exited, stopping the demo exitCode={}", nodeExit);
      return nodeExit == 0 ? 1 : nodeExit;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (RuntimeException e) {
      log.error("demo failed error=\"{}\"", e.getMessage());
      return 1;
    } finally {
      session.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run: nothing left to stop.
      }
    }
  }
}
