package crosswatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkpoints in one small JSON file of the data directory, replaced atomically on every write (a temporary file
 * renamed over it), so that a crash leaves either the old or the new file, never a torn one.
 */
public final class FileCheckpointStore implements CheckpointStore {
  static final String FILE_NAME = "checkpoints.json";

  /** The file's shape; numbers are decimal strings, as everywhere on the wire. */
  record Entry(String chainId, String blockNumber, String blockHash) {}

  record Content(List<Entry> checkpoints) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final Path temporary;
  private final Map<Long, Checkpoint> checkpoints = new TreeMap<>();

  /** Reads the file when it exists; throws {@link IllegalStateException} naming it when it cannot be read. */
  public FileCheckpointStore(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
    this.temporary = dataDir.resolve(FILE_NAME + ".tmp");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        for (Entry e : JSON.readValue(file.toFile(), Content.class).checkpoints()) {
          var checkpoint = new Checkpoint(Long.parseLong(e.chainId()), Long.parseLong(e.blockNumber()),
              e.blockHash());
          checkpoints.put(checkpoint.chainId(), checkpoint);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read checkpoints from " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<Checkpoint> get(long chainId) {
    return Optional.ofNullable(checkpoints.get(chainId));
  }

  @Override
  public synchronized void put(Checkpoint checkpoint) {
    checkpoints.put(checkpoint.chainId(), checkpoint);
    var content = new Content(checkpoints.values().stream()
        .map(c -> new Entry(Long.toString(c.chainId()), Long.toString(c.blockNumber()), c.blockHash()))
        .toList());
    try {
      JSON.writeValue(temporary.toFile(), content);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | JacksonException e) {
      throw new UncheckedIOException("cannot write checkpoints to " + file,
          e instanceof IOException io ? io : new IOException(e));
    }
  }
}
