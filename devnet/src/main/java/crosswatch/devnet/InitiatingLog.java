package crosswatch.devnet;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A log emitted on a devnet chain, which any executing message may point at.
 *
 * @param logIndex block-wide index
 * @param timestamp the block's timestamp
 * @param origin lowercase 0x-prefixed address of the emitting contract
 * @param topics lowercase 0x-prefixed 32-byte topics, topic0 first
 * @param data lowercase 0x-prefixed data ("0x" when empty)
 */
public record InitiatingLog(long chainId, long blockNumber, String blockHash, long logIndex, long timestamp,
                            String origin, List<String> topics, String data, String txHash) {
  public InitiatingLog {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(origin, "origin");
    topics = List.copyOf(topics);
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(txHash, "txHash");
  }

  /** topic0 ++ topic1 ++ ... ++ data: what the message hash covers. */
  public byte[] payload() {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    topics.forEach(topic -> payload.writeBytes(Numeric.hexStringToByteArray(topic)));
    payload.writeBytes(Numeric.hexStringToByteArray(data));
    return payload.toByteArray();
  }

  /** keccak256 of the payload, lowercase 0x-prefixed: what a valid executing message names. */
  public String msgHash() {
    return Numeric.toHexString(Hash.sha3(payload()));
  }
}
