package crosswatch.store.proto;

import crosswatch.store.Checkpoint;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

@ProtoAdapter(Checkpoint.class)
@ProtoName("Checkpoint")
public final class CheckpointAdapter {

  @ProtoFactory
  Checkpoint create(long chainId, long blockNumber, String blockHash) {
    return new Checkpoint(chainId, blockNumber, blockHash);
  }

  @ProtoField(number = 1, defaultValue = "0")
  long getChainId(Checkpoint checkpoint) {
    return checkpoint.chainId();
  }

  @ProtoField(number = 2, defaultValue = "0")
  long getBlockNumber(Checkpoint checkpoint) {
    return checkpoint.blockNumber();
  }

  @ProtoField(number = 3)
  String getBlockHash(Checkpoint checkpoint) {
    return checkpoint.blockHash();
  }
}
