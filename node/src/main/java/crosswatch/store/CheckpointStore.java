package crosswatch.store;

import java.util.Optional;

/** Where each chain's scanning checkpoint lives, so a restarted node resumes and skips no block. */
public interface CheckpointStore {
  Optional<Checkpoint> get(long chainId);

  void put(Checkpoint checkpoint);
}
