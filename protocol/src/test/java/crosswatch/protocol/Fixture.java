package crosswatch.protocol;

import crosswatch.protocol.DependencySet.ChainDependency;
import crosswatch.protocol.InitiatingBlock.Produced;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Validity#judge} looks at, built valid and broken one field at a time by tests.
 * The msgHash is always computed here with web3j on raw bytes, never by {@link Hashes}.
 */
record Fixture(ExecutingMessage message, BigInteger executingChainId, long executingTimestamp,
               DependencySet dependencies, InitiatingBlock initiating) {

  static final BigInteger INITIATING_CHAIN = BigInteger.valueOf(900_200);
  static final BigInteger EXECUTING_CHAIN = BigInteger.valueOf(900_201);
  static final long INITIATED_AT = 1_730_467_171L;
  static final long INITIATING_ACTIVATION = 1_730_000_000L;
  static final String ORIGIN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

  /** A message executed a minute after its initiating log, the second of three logs in block 4509. */
  static Fixture valid() {
    LogEntry initiating = log(ORIGIN, 1, List.of(word(0xaa), word(0xbb)), "0x0102030405");
    Produced block = new Produced(4509, word(0x99), INITIATED_AT, List.of(
        log("0x1111111111111111111111111111111111111111", 0, List.of(word(0x01)), "0x"),
        initiating,
        log(ORIGIN, 2, List.of(), "0xff")));
    Identifier id = new Identifier(ORIGIN, BigInteger.valueOf(4509), BigInteger.ONE,
        BigInteger.valueOf(INITIATED_AT), INITIATING_CHAIN);
    DependencySet deps = new DependencySet(Map.of(
        INITIATING_CHAIN, new ChainDependency(INITIATING_CHAIN, INITIATING_ACTIVATION, 2),
        EXECUTING_CHAIN, new ChainDependency(EXECUTING_CHAIN, 0, 2)), DependencySet.MAX_EXPIRY_WINDOW_SECONDS);
    return new Fixture(new ExecutingMessage(msgHashOf(initiating), id), EXECUTING_CHAIN, INITIATED_AT + 60, deps,
        block);
  }

  static LogEntry log(String address, long logIndex, List<String> topics, String data) {
    return new LogEntry(address, topics, data, logIndex);
  }

  /** keccak256(topics ++ data) with web3j on the raw bytes. */
  static String msgHashOf(LogEntry log) {
    byte[][] parts = new byte[log.topics().size() + 1][];
    for (int i = 0; i < log.topics().size(); i++) {
      parts[i] = Abi.bytes(log.topics().get(i));
    }
    parts[log.topics().size()] = Abi.bytes(log.data());
    return Abi.keccak(parts);
  }

  static String word(int value) {
    return Abi.hex(Abi.concat(new byte[31], new byte[] {(byte) value}));
  }

  Identifier identifier() {
    return message.identifier();
  }

  Produced block() {
    return (Produced) initiating;
  }

  Verdict verdict() {
    return Validity.judge(message, executingChainId, executingTimestamp, dependencies, initiating);
  }

  /** The verdict after web3j ABI-encodes the message into an inbox log and the decoder reads it back. */
  Verdict verdictThroughLog() {
    return verdictOf(Abi.executingTopics(message.msgHash()), Abi.identifierData(identifier()));
  }

  Verdict verdictOf(List<String> topics, String data) {
    return Validity.judge(ExecutingMessageDecoder.decode(topics, data), executingChainId, executingTimestamp,
        dependencies, initiating);
  }

  Fixture executingAt(long timestamp) {
    return new Fixture(message, executingChainId, timestamp, dependencies, initiating);
  }

  Fixture executingOn(BigInteger chainId) {
    return new Fixture(message, chainId, executingTimestamp, dependencies, initiating);
  }

  Fixture withMsgHash(String msgHash) {
    return new Fixture(new ExecutingMessage(msgHash, identifier()), executingChainId, executingTimestamp,
        dependencies, initiating);
  }

  Fixture withIdentifier(Identifier id) {
    return new Fixture(new ExecutingMessage(message.msgHash(), id), executingChainId, executingTimestamp,
        dependencies, initiating);
  }

  Fixture withIdentifierChainId(BigInteger chainId) {
    Identifier id = identifier();
    return withIdentifier(new Identifier(id.origin(), id.blockNumber(), id.logIndex(), id.timestamp(), chainId));
  }

  Fixture withIdentifierTimestamp(BigInteger timestamp) {
    Identifier id = identifier();
    return withIdentifier(new Identifier(id.origin(), id.blockNumber(), id.logIndex(), timestamp, id.chainId()));
  }

  Fixture withIdentifierBlockNumber(BigInteger number) {
    Identifier id = identifier();
    return withIdentifier(new Identifier(id.origin(), number, id.logIndex(), id.timestamp(), id.chainId()));
  }

  Fixture withIdentifierLogIndex(BigInteger logIndex) {
    Identifier id = identifier();
    return withIdentifier(new Identifier(id.origin(), id.blockNumber(), logIndex, id.timestamp(), id.chainId()));
  }

  Fixture withOrigin(String origin) {
    Identifier id = identifier();
    return withIdentifier(new Identifier(origin, id.blockNumber(), id.logIndex(), id.timestamp(), id.chainId()));
  }

  Fixture withInitiating(InitiatingBlock block) {
    return new Fixture(message, executingChainId, executingTimestamp, dependencies, block);
  }

  Fixture withBlockTimestamp(long timestamp) {
    return withInitiating(new Produced(block().number(), block().hash(), timestamp, block().logs()));
  }

  Fixture withLogs(List<LogEntry> logs) {
    return withInitiating(new Produced(block().number(), block().hash(), block().timestamp(), logs));
  }

  Fixture withChain(ChainDependency chain) {
    Map<BigInteger, ChainDependency> chains = new HashMap<>(dependencies.chains());
    chains.put(chain.chainId(), chain);
    return withDependencies(new DependencySet(chains, dependencies.expiryWindowSeconds()));
  }

  Fixture withoutChain(BigInteger chainId) {
    Map<BigInteger, ChainDependency> chains = new HashMap<>(dependencies.chains());
    chains.remove(chainId);
    return withDependencies(new DependencySet(chains, dependencies.expiryWindowSeconds()));
  }

  Fixture withExpiryWindow(long seconds) {
    return withDependencies(new DependencySet(dependencies.chains(), seconds));
  }

  Fixture withDependencies(DependencySet deps) {
    return new Fixture(message, executingChainId, executingTimestamp, deps, initiating);
  }

  /** The chain's entry with another activation time, keeping its block time. */
  Fixture activating(BigInteger chainId, long activationTimestamp) {
    ChainDependency chain = dependencies.chain(chainId).orElseThrow();
    return withChain(new ChainDependency(chainId, activationTimestamp, chain.blockTimeSeconds()));
  }
}
