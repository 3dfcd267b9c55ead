package crosswatch.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The link between sites as a test controls it: a TCP proxy in front of each replica's bridge port that adds a delay
 * to every byte in both directions (order kept) and can be cut (every connection closed, new ones closed at once)
 * and healed. Replicas advertise the proxy's port as their bridge address, so every byte between relay nodes passes
 * through it. Loopback only.
 */
public final class BridgeProxy implements AutoCloseable {
  private static final byte[] END = new byte[0];

  private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean cut;

  /** Starts forwarding a free loopback port to {@code targetPort}; returns the port to advertise. */
  public int forward(int targetPort) {
    try {
      var listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      listeners.add(listener);
      Thread.ofVirtual().name("bridge-proxy-" + listener.getLocalPort()).start(() -> accept(listener, targetPort));
      return listener.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Delays every chunk by {@code oneWay} in each direction from now on. */
  public void delay(Duration oneWay) {
    this.delay = oneWay;
  }

  /** Closes every connection and refuses new ones until {@link #heal}. */
  public void cut() {
    cut = true;
    open.forEach(BridgeProxy::closeQuietly);
    open.clear();
  }

  public void heal() {
    cut = false;
  }

  private void accept(ServerSocket listener, int targetPort) {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket();
        try {
          server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
        } catch (IOException e) {
          closeQuietly(client);
          closeQuietly(server);
          continue;
        }
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        open.add(client);
        open.add(server);
        pipe(client, server);
        pipe(server, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies {@code from} to {@code to}, each chunk held back until its time: a reader and a writer per direction. */
  private void pipe(Socket from, Socket to) {
    record Chunk(byte[] bytes, long dueNanos) {}
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    Thread.ofVirtual().start(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delay.toNanos()));
        }
      } catch (IOException | InterruptedException e) {
        // closed: the writer ends below
      }
      queue.add(new Chunk(END, 0));
    });
    Thread.ofVirtual().start(() -> {
      try (OutputStream out = to.getOutputStream()) {
        while (true) {
          Chunk chunk = queue.take();
          if (chunk.bytes() == END) {
            break;
          }
          long wait = chunk.dueNanos() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          out.write(chunk.bytes());
        }
      } catch (IOException | InterruptedException e) {
        // closed
      }
      closeQuietly(from);
      closeQuietly(to);
    });
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    listeners.forEach(BridgeProxy::closeQuietly);
    cut();
  }
}
