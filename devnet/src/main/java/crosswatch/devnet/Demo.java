package crosswatch.devnet;

import java.io.PrintStream;

/**
 * {@code scripts/demo}: three anvil chains (901, 902, 903), a Crosswatch node watching them, and traffic with
 * about one invalid message in twenty. Ctrl-C stops everything; so does the node exiting, with a non-zero code.
 */
public final class Demo {
  private static final String LOGBACK_CONFIG = "logback.configurationFile";

  private Demo() {}

  public static void main(String[] args) {
    if (System.getProperty(LOGBACK_CONFIG) == null) {
      System.setProperty(LOGBACK_CONFIG, "crosswatch/devnet/demo-logback.xml");
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs until the node exits or the JVM is told to stop; the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    DemoArgs demoArgs;
    try {
      demoArgs = DemoArgs.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("crosswatch demo: " + e.getMessage());
      err.println(DemoArgs.USAGE);
      return 2;
    }
    DemoSession session = new DemoSession(demoArgs);
    Thread stopOnExit = new Thread(session::close, "demo-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      session.start(out);
      int nodeExit = session.awaitNodeExit();
      if (session.isClosing()) {
        return 0;
      }
      err.println("crosswatch demo: the node exited with code " + nodeExit + "; stopping the traffic and the chains");
      return nodeExit == 0 ? 1 : nodeExit;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (RuntimeException e) {
      err.println("crosswatch demo: " + e.getMessage());
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
