package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.devnet.Devnet;
import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas as separate processes, stopped and started again as a whole or one at a time. Every replica
 * starts at {@code latest}: only checkpoints and resume points can bring back what happened before or meanwhile.
 */
class ClusterRestartTest {
  private static Devnet devnet;

  @TempDir
  Path root;
  private Replicas replicas;

  @BeforeAll
  static void chains() {
    devnet = Devnet.start(911, 912);
  }

  @AfterAll
  static void stopChains() {
    devnet.close();
  }

  @AfterEach
  void stopReplicas() {
    replicas.close();
  }

  @Test
  void aClusterStoppedGracefullyComesBackWithItsRecordsAndOneRestartedReplicaCatchesUp() {
    replicas = new Replicas(root, 3, devnet.chains()).startTogether();
    replicas.awaitView();
    var messages = new CrossMessages(devnet.chains());
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

  @Test
  void aClusterKilledAtOnceSkipsNoBlockWhenItStartsAgain() {
    replicas = new Replicas(root, 3, devnet.chains()).startTogether();
    replicas.awaitView();
    var messages = new CrossMessages(devnet.chains());
    List<MessageKey> before = messages.rounds(2);
    replicas.awaitAllServe(before, "valid");

    replicas.all().forEach(NodeProcess::kill);
    List<MessageKey> whileDown = messages.rounds(2);
    replicas.startTogether();

    var all = new ArrayList<>(before);
    all.addAll(whileDown);
    replicas.awaitAllServe(all, "valid");
    assertThat(Replicas.members(replicas.awaitView())).hasSize(3);
  }
}
