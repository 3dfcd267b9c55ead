package crosswatch.store.proto;

import crosswatch.store.ChainHead;
import crosswatch.store.HeadBlock;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

@ProtoAdapter(ChainHead.class)
@ProtoName("ChainHead")
public final class ChainHeadAdapter {

  @ProtoFactory
  ChainHead create(long chainId, HeadBlock latest, HeadBlock safe, HeadBlock finalized) {
    return new ChainHead(chainId, latest, safe, finalized);
  }

  @ProtoField(number = 1, defaultValue = "0")
  long getChainId(ChainHead head) {
    return head.chainId();
  }

  @ProtoField(number = 2)
  HeadBlock getLatest(ChainHead head) {
    return head.latest();
  }

  @ProtoField(number = 3)
  HeadBlock getSafe(ChainHead head) {
    return head.safe();
  }

  @ProtoField(number = 4)
  HeadBlock getFinalized(ChainHead head) {
    return head.finalized();
  }
}
