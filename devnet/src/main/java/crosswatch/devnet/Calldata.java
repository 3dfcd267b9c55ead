package crosswatch.devnet;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * ABI-encoded calls to the devnet contracts (contracts/*.sol): the selector from the Solidity signature, the
 * arguments encoded by web3j. The tests prove each call against the deployed contracts.
 */
final class Calldata {
  private static final String IDENTIFIER = "(address,uint256,uint256,uint256,uint256)";

  private Calldata() {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  static String emitLogs(List<RawLog> logs) {
    List<DynamicArray> topicSets = logs.stream().map(log -> (DynamicArray) topics(log.topics())).toList();
    List<DynamicBytes> data = logs.stream().map(log -> new DynamicBytes(log.dataBytes())).toList();
    return call("emitLogs(bytes32[][],bytes[])",
        new DynamicArray<>(DynamicArray.class, topicSets), new DynamicArray<>(DynamicBytes.class, data));
  }

  static String validateMessages(List<ExecSpec> specs) {
    List<StaticStruct> ids = specs.stream().map(Calldata::identifier).toList();
    List<Bytes32> hashes = specs.stream().map(spec -> bytes32(spec.msgHash())).toList();
    return call("validateMessages(" + IDENTIFIER + "[],bytes32[])",
        new DynamicArray<>(StaticStruct.class, ids), new DynamicArray<>(Bytes32.class, hashes));
  }

  static String emitRaw(RawLog log) {
    return call("emitRaw(bytes32[],bytes)", topics(log.topics()), new DynamicBytes(log.dataBytes()));
  }

  /** {@code abi.encode(Identifier)}: the 160 data bytes of a well-formed executing message. */
  static byte[] encodedIdentifier(ExecSpec spec) {
    return Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(List.of(identifier(spec))));
  }

  private static StaticStruct identifier(ExecSpec spec) {
    return new StaticStruct(new Address(spec.origin()), uint(spec.blockNumber()), uint(spec.logIndex()),
        uint(spec.timestamp()), uint(spec.chainId()));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static String call(String signature, Type... params) {
    String selector = Hash.sha3String(signature).substring(0, 10);
    return FunctionEncoder.encode(selector, (List) List.of(params));
  }

  private static DynamicArray<Bytes32> topics(List<String> topics) {
    return new DynamicArray<>(Bytes32.class, topics.stream().map(Calldata::bytes32).toList());
  }

  private static Bytes32 bytes32(String hex) {
    return new Bytes32(Numeric.hexStringToByteArray(hex));
  }

  private static Uint256 uint(BigInteger value) {
    return new Uint256(value);
  }
}
