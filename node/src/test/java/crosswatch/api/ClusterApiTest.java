package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/cluster}: the replica's cluster and every site of the deployment. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterApiTest {
  private RunningApi api;

  @BeforeAll
  void start() throws Exception {
    api = new RunningApi(new StubNode(64));
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  @Test
  void listsEverySiteWithItsRelayNodesWhetherItIsOnlineAndItsLastBackup() {
    JsonNode cluster = api.get("/api/v1/cluster").json();

    assertThat(cluster.propertyNames()).containsExactly("node", "site", "coordinator", "members", "viewId",
        "degraded", "owners", "sites");
    JsonNode sites = cluster.get("sites");
    assertThat(sites).hasSize(2);
    JsonNode own = sites.get(0);
    assertThat(own.propertyNames())
        .containsExactly("name", "online", "relayNodes", "lastBackupReceivedAt", "backupLagSeconds");
    assertThat(own.get("name").asString()).isEqualTo("crosswatch");
    assertThat(own.get("online").asBoolean()).isTrue();
    assertThat(own.get("lastBackupReceivedAt").isNull()).isTrue();
    assertThat(own.get("backupLagSeconds").asDouble()).isZero();
    JsonNode other = sites.get(1);
    assertThat(other.get("name").asString()).isEqualTo("region-b");
    assertThat(other.get("online").asBoolean()).isFalse();
    assertThat(other.get("relayNodes").get(1).asString()).isEqualTo("b-1");
    assertThat(other.get("lastBackupReceivedAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(other.get("backupLagSeconds").asDouble()).isEqualTo(1.5);
  }
}
