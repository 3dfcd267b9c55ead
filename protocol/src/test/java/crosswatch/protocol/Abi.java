package crosswatch.protocol;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Encodings and hashes computed with web3j alone, so tests never check the code under test against itself. */
final class Abi {

  static final String EVENT_SIGNATURE = "ExecutingMessage(bytes32,(address,uint256,uint256,uint256,uint256))";

  private Abi() {}

  /** abi.encode(Identifier) by web3j's encoder. */
  static String identifierData(Identifier id) {
    StaticStruct struct = new StaticStruct(new Address(id.origin()), new Uint256(id.blockNumber()),
        new Uint256(id.logIndex()), new Uint256(id.timestamp()), new Uint256(id.chainId()));
    return "0x" + TypeEncoder.encode(struct);
  }

  /** The topics of an ExecutingMessage log, topic0 hashed here from the event signature. */
  static List<String> executingTopics(String msgHash) {
    return List.of(Hash.sha3String(EVENT_SIGNATURE), msgHash);
  }

  static String keccak(byte[]... parts) {
    return Numeric.toHexString(Hash.sha3(concat(parts)));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] bytes(String hex) {
    return Numeric.hexStringToByteArray(hex);
  }

  static String hex(byte[] bytes) {
    return Numeric.toHexString(bytes);
  }
}
