package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessagePage;
import crosswatch.store.MessageQuery;
import crosswatch.testkit.ForwardingMessageStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A store call that blocks (a remote Infinispan owner) holds up neither the event loop nor other requests. */
class BlockingStoreTest {

  /** Every query waits until the test opens the gate; everything else answers at once. */
  private static final class GatedStore extends ForwardingMessageStore {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch queried = new CountDownLatch(1);

    GatedStore() {
      super(new InMemoryMessageStore());
    }

    @Override
    public MessagePage query(MessageQuery query) {
      queried.countDown();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.query(query);
    }
  }

  @Test
  void whileOneQueryBlocksHealthMetricsAndLookupsStillAnswer() throws Exception {
    var store = new GatedStore();
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var server = new ApiServer(store, registry);
    try (var client = HttpClient.newHttpClient()) {
      int port = server.start("127.0.0.1", 0);
      CompletableFuture<HttpResponse<String>> blocked = client.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(store.queried.await(10, TimeUnit.SECONDS)).isTrue();

      for (String path : List.of("/healthz", "/metrics", "/api/v1/messages/901-" + Records.hash(1) + "-0")) {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isIn(200, 404);
      }
      assertThat(blocked).isNotDone();

      store.gate.countDown();
      assertThat(blocked.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    } finally {
      server.close();
      registry.close();
    }
  }
}
