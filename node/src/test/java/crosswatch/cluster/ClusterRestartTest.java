package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.devnet.DevnetChain;
import crosswatch.store.MessageKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three replicas as separate processes, stopped and started again as a whole or one at a time; one cluster for
 * the class, in order (a start costs most of the time on two cores). Every replica starts at {@code latest}: only
 * checkpoints and resume points can bring back what happened before or meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class ClusterRestartTest {
  private Replicas replicas;
  private CrossMessages messages;

  @BeforeAll
  void startTogether(@TempDir Path root) {
    replicas = Replicas.startedOnDevnet(root, 3, 911, 912);
    messages = new CrossMessages(replicas.devnet().chains());
  }

  @AfterAll
  void stop() {
    replicas.close();
  }

  @Test
  @Order(1)
  void aClusterStoppedGracefullyComesBackWithItsRecordsAndOneRestartedReplicaCatchesUp() {
    replicas.awaitView();
    List<MessageKey> all = new ArrayList<>(messages.rounds(2));
    replicas.awaitAllServe(all, "valid");

    replicas.all().forEach(NodeProcess::stop);
    all.addAll(messages.rounds(1));
    replicas.startTogether();

    replicas.awaitAllServe(all, "valid");
    NodeProcess restarted = replicas.get(1);
    restarted.stop();
    all.addAll(messages.rounds(1));
    restarted.start();
    replicas.awaitView();
    replicas.awaitAllServe(all, "valid");
    assertThat(Replicas.messages(restarted, all)).isEqualTo(Replicas.messages(replicas.get(0), all));
  }

  /**
   * Each chain's owner (the same replicas after the restart: the same members) comes back with its resume files
   * gone, as on a new volume: it knows nothing of where to resume, and only the other replicas' files can tell it.
   */
  @Test
  @Order(2)
  void aClusterKilledAtOnceSkipsNoBlockWhenItStartsAgain() throws IOException {
    JsonNode view = replicas.awaitView();
    List<MessageKey> before = messages.rounds(2);
    replicas.awaitAllServe(before, "valid");

    replicas.all().forEach(NodeProcess::kill);
    for (DevnetChain chain : replicas.devnet().chains()) {
      forgetResumePoints(replicas.named(Replicas.owner(view, chain.chainId())));
    }
    List<MessageKey> whileDown = messages.rounds(2);
    replicas.startTogether();

    var all = new ArrayList<>(before);
    all.addAll(whileDown);
    replicas.awaitAllServe(all, "valid");
    assertThat(Replicas.members(replicas.awaitView())).hasSize(3);
  }

  private static void forgetResumePoints(NodeProcess replica) throws IOException {
    Files.deleteIfExists(replica.dataDir().resolve("checkpoints.json"));
    Files.deleteIfExists(replica.dataDir().resolve(ResumePoints.FIRST_MESSAGES).resolve("checkpoints.json"));
  }
}
