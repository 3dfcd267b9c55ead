package crosswatch.store.proto;

import crosswatch.store.SafePoint;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

@ProtoAdapter(SafePoint.class)
@ProtoName("SafePoint")
public final class SafePointAdapter {

  @ProtoFactory
  SafePoint create(long chainId, long fromBlock) {
    return new SafePoint(chainId, fromBlock);
  }

  @ProtoField(number = 1, defaultValue = "0")
  long getChainId(SafePoint point) {
    return point.chainId();
  }

  @ProtoField(number = 2, defaultValue = "0")
  long getFromBlock(SafePoint point) {
    return point.fromBlock();
  }
}
