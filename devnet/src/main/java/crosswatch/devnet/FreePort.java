package crosswatch.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports: one the OS says is free now, and whether one can be bound. */
public final class FreePort {
  private FreePort() {}

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
