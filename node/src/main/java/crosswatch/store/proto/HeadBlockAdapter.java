package crosswatch.store.proto;

import crosswatch.store.HeadBlock;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

@ProtoAdapter(HeadBlock.class)
@ProtoName("HeadBlock")
public final class HeadBlockAdapter {

  @ProtoFactory
  HeadBlock create(long number, String hash, long timestamp) {
    return new HeadBlock(number, hash, timestamp);
  }

  @ProtoField(number = 1, defaultValue = "0")
  long getNumber(HeadBlock block) {
    return block.number();
  }

  @ProtoField(number = 2)
  String getHash(HeadBlock block) {
    return block.hash();
  }

  @ProtoField(number = 3, defaultValue = "0")
  long getTimestamp(HeadBlock block) {
    return block.timestamp();
  }
}
