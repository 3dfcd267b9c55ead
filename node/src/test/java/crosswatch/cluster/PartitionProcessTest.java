package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real network split of three replica processes over three anvil chains: one replica is cut off (JGroups DISCARD
 * drops all it sends and receives; failure detection and MERGE3 are the bundled stack's), both sides keep
 * watching every chain and store their own versions of the messages emitted meanwhile, and when the network
 * returns every replica ends with the same records, each the merge of both sides' versions.
 */
@Tag("integration")
class PartitionProcessTest {
  private static final String MINORITY = "replica-c";

  @AutoClose
  private Replicas replicas;

  @Test
  void bothSidesOfASplitKeepWatchingAndEveryReplicaHoldsTheMergeOfBothOnceItHeals(@TempDir Path root) {
    List<SplittableStack> stacks = IntStream.range(0, 3)
        .mapToObj(i -> SplittableStack.write(root.resolve("stacks"), "replica-" + (char) ('a' + i))).toList();
    replicas = Replicas.startedOnDevnet(root, 3, i -> stacks.get(i).flags(), 901, 902, 903);
    var messages = new CrossMessages(replicas.devnet().chains());
    replicas.awaitView();
    List<MessageKey> before = messages.round();
    replicas.awaitAllServe(before, "valid");

    stacks.get(2).isolate(true);

    NodeProcess minority = replicas.named(MINORITY);
    NodeProcess majority = replicas.named("replica-a");
    await().atMost(Replicas.PATIENCE).untilAsserted(() -> {
      JsonNode alone = Replicas.cluster(minority).orElseThrow();
      assertThat(Replicas.members(alone)).containsExactly(MINORITY);
      assertThat(alone.get("degraded").asBoolean()).isTrue();
      JsonNode rest = Replicas.cluster(majority).orElseThrow();
      assertThat(Replicas.members(rest)).containsExactly("replica-a", "replica-b");
      assertThat(rest.get("degraded").asBoolean()).isFalse();
    });
    // The minority owns every chain now and watches them all, as the majority does.
    Replicas.cluster(minority).orElseThrow().get("owners").properties()
        .forEach(e -> assertThat(e.getValue().get(0).asString()).isEqualTo(MINORITY));
    List<MessageKey> during = messages.rounds(2);
    await().atMost(Replicas.PATIENCE).until(() -> servedValid(minority, during) && servedValid(majority, during)
        && servedValid(replicas.named("replica-b"), during));
    Map<String, JsonNode> minoritySide = Replicas.messages(minority, during);
    Map<String, JsonNode> majoritySide = Replicas.messages(majority, during);
    assertThat(minoritySide).as("each side found and judged the messages itself").isNotEqualTo(majoritySide);

    stacks.get(2).isolate(false);

    JsonNode healed = replicas.awaitView();
    await().atMost(Replicas.PATIENCE).untilAsserted(() -> {
      for (NodeProcess node : replicas.all()) {
        JsonNode view = Replicas.cluster(node).orElseThrow();
        assertThat(view.get("degraded").asBoolean()).as("%s degraded", node.name()).isFalse();
        assertThat(view.get("owners")).as("owners seen by %s", node.name()).isEqualTo(healed.get("owners"));
      }
    });
    List<MessageKey> after = messages.round();
    List<MessageKey> all = new ArrayList<>(before);
    all.addAll(during);
    all.addAll(after);
    replicas.awaitAllServe(all, "valid");
    for (NodeProcess node : replicas.all()) {
      // Pages come from the query index, which conflict resolution's writes reach only by a re-read.
      var listed = new ArrayList<String>();
      node.get("/api/v1/messages?limit=1000").orElseThrow().get("items")
          .forEach(m -> listed.add(m.get("id").asString()));
      assertThat(listed).as("messages listed by %s", node.name())
          .containsAll(all.stream().map(MessageKey::toString).toList());
    }
    Map<String, JsonNode> merged = Replicas.messages(minority, during);
    for (MessageKey key : during) {
      JsonNode m = merged.get(key.toString());
      JsonNode ours = majoritySide.get(key.toString());
      JsonNode theirs = minoritySide.get(key.toString());
      assertThat(instant(m, "firstSeenAt")).as("first seen of %s", key)
          .isEqualTo(min(instant(ours, "firstSeenAt"), instant(theirs, "firstSeenAt")));
      // Heads keep moving, so a replica may have checked it again since: never earlier than either side did.
      assertThat(instant(m, "lastCheckedAt")).as("last checked of %s", key)
          .isAfterOrEqualTo(max(instant(ours, "lastCheckedAt"), instant(theirs, "lastCheckedAt")));
      // Each side made it pending, then valid. The merged history holds both sides' changes, shown once where they
      // repeat; where one side judged it before the other even found it, both sides' changes show (pending, valid,
      // pending, valid), and no flip is counted.
      assertThat(statuses(ours)).containsExactly("pending", "valid");
      assertThat(statuses(theirs)).containsExactly("pending", "valid");
      assertThat(statuses(m)).as("history of %s", key).startsWith("pending").endsWith("valid")
          .containsOnly("pending", "valid").hasSizeLessThanOrEqualTo(4);
      assertThat(Instant.parse(m.get("history").get(0).get("at").asString())).as("pending since, %s", key)
          .isEqualTo(min(changedAt(ours, 0), changedAt(theirs, 0)));
      assertThat(m.get("flips").asInt()).isZero();
    }
  }

  private static Instant changedAt(JsonNode message, int change) {
    return Instant.parse(message.get("history").get(change).get("at").asString());
  }

  private static List<String> statuses(JsonNode message) {
    var statuses = new ArrayList<String>();
    message.get("history").forEach(h -> statuses.add(h.get("status").asString()));
    return statuses;
  }

  private static boolean servedValid(NodeProcess node, List<MessageKey> keys) {
    Map<String, JsonNode> seen = Replicas.messages(node, keys);
    return seen.size() == keys.size()
        && seen.values().stream().allMatch(m -> m.get("status").asString().equals("valid"));
  }

  private static Instant instant(JsonNode message, String field) {
    return Instant.parse(message.get(field).asString());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
