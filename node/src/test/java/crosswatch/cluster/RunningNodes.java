package crosswatch.cluster;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Members started by a test or benchmark; closing stops them, the last started first. Registered as a JUnit
 * extension it closes after each test.
 */
public final class RunningNodes implements AutoCloseable, AfterEachCallback {
  private final List<ClusterStores> nodes = new ArrayList<>();

  /** Starts the members at the same time, as replicas that wait for an initial cluster size must be. */
  public List<ClusterStores> startTogether(List<ClusterOptions> options) {
    List<ClusterStores> started;
    try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
      started = options.stream()
          .map(o -> CompletableFuture.supplyAsync(() -> ClusterStores.start(o, new SimpleMeterRegistry()), starter))
          .toList().stream()
          .map(CompletableFuture::join)
          .toList();
    }
    nodes.addAll(started);
    return started;
  }

  public ClusterStores start(ClusterOptions options) {
    return startTogether(List.of(options)).getFirst();
  }

  public ClusterStores get(int index) {
    return nodes.get(index);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    nodes.reversed().forEach(ClusterStores::close);
    nodes.clear();
  }
}
