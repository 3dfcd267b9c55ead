package crosswatch.judge;

import crosswatch.protocol.DependencySet;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.LogEntry;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Initiating blocks and the inbox logs that point into them, encoded with web3j as a chain would emit them. */
final class Messages {
  static final long INITIATING = 1;
  static final long EXECUTING = 2;
  static final long INITIATED_AT = 1_000;
  static final String ORIGIN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

  static final DependencySet DEPENDENCIES = new DependencySet(Map.of(
      BigInteger.ONE, new DependencySet.ChainDependency(BigInteger.ONE, 0, 2),
      BigInteger.TWO, new DependencySet.ChainDependency(BigInteger.TWO, 0, 2)),
      DependencySet.MAX_EXPIRY_WINDOW_SECONDS);

  private Messages() {}

  static String hash(long seed) {
    return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(seed), 64);
  }

  /** Block {@code number} of the initiating chain with {@code logs} logs of the origin, log i having topic i. */
  static InitiatingBlock.Produced block(long number, int logs) {
    return new InitiatingBlock.Produced(number, hash(1_000_000 + number), INITIATED_AT + number,
        java.util.stream.LongStream.range(0, logs)
            .mapToObj(i -> new LogEntry(ORIGIN, List.of(hash(i)), "0x", i)).toList());
  }

  /** The inbox log, in executing block {@code executingBlock}, of a valid message for log {@code logIndex}. */
  static FoundLog pointingAt(InitiatingBlock.Produced block, long logIndex, long executingBlock, long executingLog) {
    LogEntry initiating = block.logs().get((int) logIndex);
    return executing(executingBlock, executingLog, msgHash(initiating), ORIGIN, block.number(), logIndex,
        block.timestamp(), INITIATING);
  }

  static FoundLog executing(long executingBlock, long executingLog, String msgHash, String origin, long blockNumber,
                            long logIndex, long timestamp, long chainId) {
    String data = "0x" + FunctionEncoder.encodeConstructor(List.of(new Address(origin),
        new Uint256(blockNumber), new Uint256(logIndex), new Uint256(timestamp), new Uint256(chainId)));
    return new FoundLog(executingBlock, hash(executingBlock), INITIATED_AT + 3_600, hash(5_000_000 + executingLog),
        executingLog, List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC, msgHash), data);
  }

  static String msgHash(LogEntry log) {
    var payload = new ByteArrayOutputStream();
    log.topics().forEach(t -> payload.writeBytes(Numeric.hexStringToByteArray(t)));
    payload.writeBytes(Numeric.hexStringToByteArray(log.data()));
    return Numeric.toHexString(Hash.sha3(payload.toByteArray()));
  }
}
