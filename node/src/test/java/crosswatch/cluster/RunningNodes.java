package crosswatch.cluster;

import io.micrometer.core.instrument.MeterRegistry;
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
  private final List<MeterRegistry> registries = new ArrayList<>();

  /** Starts the members at the same time, as replicas that wait for an initial cluster size must be. */
  public List<ClusterStores> startTogether(List<ClusterOptions> options) {
    List<MeterRegistry> meters = options.stream().<MeterRegistry>map(o -> new SimpleMeterRegistry()).toList();
    List<ClusterStores> started;
    try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
      started = options.stream()
          .map(o -> CompletableFuture.supplyAsync(
              () -> ClusterStores.start(o, meters.get(options.indexOf(o))), starter))
          .toList().stream()
          .map(CompletableFuture::join)
          .toList();
    }
    nodes.addAll(started);
    registries.addAll(meters);
    return started;
  }

  public ClusterStores start(ClusterOptions options) {
    return startTogether(List.of(options)).getFirst();
  }

  public ClusterStores get(int index) {
    return nodes.get(index);
  }

  /** The meter registry the member at {@code index} reports to. */
  public MeterRegistry registry(int index) {
    return registries.get(index);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    nodes.reversed().forEach(ClusterStores::close);
    nodes.clear();
    registries.clear();
  }
}
