package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
  private static final String HASH = "0x" + "ab".repeat(32);

  @TempDir
  Path dataDir;

  @Test
  void aCheckpointSurvivesARestart() {
    new FileCheckpointStore(dataDir).put(new Checkpoint(901, 12_345, HASH));
    assertThat(new FileCheckpointStore(dataDir).get(901)).contains(new Checkpoint(901, 12_345, HASH));
  }

  @Test
  void eachChainKeepsItsOwnCheckpointAndALaterOneReplacesTheEarlier() {
    var store = new FileCheckpointStore(dataDir);
    store.put(new Checkpoint(901, 1, HASH));
    store.put(new Checkpoint(902, 7, HASH));
    store.put(new Checkpoint(901, 2, HASH));

    var reopened = new FileCheckpointStore(dataDir);
    assertThat(reopened.get(901)).contains(new Checkpoint(901, 2, HASH));
    assertThat(reopened.get(902)).contains(new Checkpoint(902, 7, HASH));
    assertThat(reopened.get(903)).isEmpty();
  }

  @Test
  void theFileHoldsDecimalStringsAndNoTemporaryFileIsLeftBehind() throws IOException {
    new FileCheckpointStore(dataDir).put(new Checkpoint(901, 12_345, HASH));
    assertThat(Files.readString(dataDir.resolve(FileCheckpointStore.FILE_NAME)))
        .contains("\"blockNumber\":\"12345\"").contains("\"chainId\":\"901\"");
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(dataDir.resolve(FileCheckpointStore.FILE_NAME));
    }
  }

  @Test
  void anUnreadableFileIsRefusedNamingIt() throws IOException {
    Files.writeString(dataDir.resolve(FileCheckpointStore.FILE_NAME), "{not json");
    assertThatThrownBy(() -> new FileCheckpointStore(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(FileCheckpointStore.FILE_NAME);
  }
}
