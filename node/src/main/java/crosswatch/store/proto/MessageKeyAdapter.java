package crosswatch.store.proto;

import crosswatch.store.MessageKey;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

@ProtoAdapter(MessageKey.class)
@ProtoName("MessageKey")
public final class MessageKeyAdapter {

  /** The block hash travels and is stored as its text, as before it was held as words: old data reads the same. */
  @ProtoFactory
  MessageKey create(long executingChainId, String executingBlockHash, long executingLogIndex) {
    return new MessageKey(executingChainId, executingBlockHash, executingLogIndex);
  }

  @ProtoField(number = 1, defaultValue = "0")
  long getExecutingChainId(MessageKey key) {
    return key.executingChainId();
  }

  @ProtoField(number = 2)
  String getExecutingBlockHash(MessageKey key) {
    return key.executingBlockHash().toString();
  }

  @ProtoField(number = 3, defaultValue = "0")
  long getExecutingLogIndex(MessageKey key) {
    return key.executingLogIndex();
  }
}
