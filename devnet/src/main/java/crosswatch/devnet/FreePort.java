package crosswatch.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loopback ports: one the OS says is free now, and whether one can be bound. */
public final class FreePort {
  private static final Logger log = LoggerFactory.getLogger(FreePort.class);
  // Another process may take the picked port before the started one binds it.
  private static final int START_ATTEMPTS = 3;

  private FreePort() {}

  /**
   * Starts something on a freshly picked port, picking another up to {@value #START_ATTEMPTS} times when it fails.
   *
   * @param what names it in the log and the failure, e.g. {@code anvil chainId=901}
   * @param startOnPort starts it and returns it ready, or stops what it started and throws
   */
  static <T> T startOnAFreePort(String what, IntFunction<T> startOnPort) {
    List<RuntimeException> failures = new ArrayList<>();
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = pick();
      try {
        return startOnPort.apply(port);
      } catch (RuntimeException e) {
        log.warn("did not start what=\"{}\" port={} attempt={} error={}", what, port, attempt, e.getMessage());
        failures.add(e);
      }
    }
    IllegalStateException failed = new IllegalStateException(what + " did not start in " + START_ATTEMPTS + " attempts");
    failures.forEach(failed::addSuppressed);
    throw failed;
  }

  /** A port free on 127.0.0.1 at the time of the call; another process may still take it before it is used. */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /**
   * A port free on 127.0.0.1 together with {@code port + offset}: a cluster port, whose failure detection
   * listens at the offset. Drawn below 65535 - offset, since the OS's ephemeral range would put the companion
   * past 65535.
   */
  public static int pickWithCompanion(int offset) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(10_000, 65_535 - offset);
      if (isFree(port) && isFree(port + offset)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port pair " + offset + " apart");
  }

  /** True when nothing listens on 127.0.0.1:{@code port}. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
