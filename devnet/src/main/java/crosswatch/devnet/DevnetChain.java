package crosswatch.devnet;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.LongStream;
import org.web3j.crypto.AccessListObject;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * One running devnet chain: the stand-in inbox at {@link Inbox#ADDRESS}, an emitter of initiating messages, and
 * helpers to emit, mine, move time and reorg. Emission methods wait for the transaction to be mined, so with
 * automine off use the {@code submit...} variants, mine, then ask for the result by transaction hash.
 * Transactions are signed by anvil's first dev account.
 */
public final class DevnetChain implements AutoCloseable {
  private final Anvil anvil;
  private final Web3j web3j;
  private final Rpc rpc;
  private final Sender sender;
  private final String emitter;

  private DevnetChain(Anvil anvil, Web3j web3j, Rpc rpc, Sender sender, String emitter) {
    this.anvil = anvil;
    this.web3j = web3j;
    this.rpc = rpc;
    this.sender = sender;
    this.emitter = emitter;
  }

  /** Puts the inbox stand-in at the predeploy address and deploys an emitter. */
  static DevnetChain install(Anvil anvil) {
    HttpService http = new HttpService(anvil.rpcUrl());
    Web3j web3j = Web3j.build(http);
    try {
      Rpc rpc = new Rpc(http);
      rpc.call("anvil_setCode", Inbox.ADDRESS, Artifact.INBOX.deployedBytecode());
      Sender sender = new Sender(web3j, anvil.chainId());
      String emitter = sender.receipt(sender.send(null, Artifact.EMITTER.bytecode(), List.of()))
          .getContractAddress().toLowerCase();
      return new DevnetChain(anvil, web3j, rpc, sender, emitter);
    } catch (RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
  }

  public long chainId() {
    return anvil.chainId();
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  public String wsUrl() {
    return anvil.wsUrl();
  }

  public Anvil anvil() {
    return anvil;
  }

  /** A client for direct JSON-RPC calls; the chain owns it. */
  public Web3j web3j() {
    return web3j;
  }

  /** Lowercase address of the emitter contract: the origin of every initiating log emitted here. */
  public String emitterAddress() {
    return emitter;
  }

  public InitiatingLog emitInitiating(List<String> topics, String data) {
    return emitInitiatingBatch(List.of(new RawLog(topics, data))).getFirst();
  }

  /** One transaction, one log per element, in order. */
  public List<InitiatingLog> emitInitiatingBatch(List<RawLog> logs) {
    return initiatingLogs(submitInitiatingBatch(logs));
  }

  public String submitInitiatingBatch(List<RawLog> logs) {
    return sender.send(emitter, Calldata.emitLogs(logs), List.of());
  }

  /** The logs a transaction from {@link #submitInitiatingBatch} emitted, once it is mined. */
  public List<InitiatingLog> initiatingLogs(String txHash) {
    TransactionReceipt receipt = sender.receipt(txHash);
    long timestamp = blockTimestamp(receipt.getBlockHash());
    return logsFrom(receipt, emitter).stream()
        .map(log -> new InitiatingLog(chainId(), log.getBlockNumber().longValueExact(), log.getBlockHash(),
            log.getLogIndex().longValueExact(), timestamp, log.getAddress().toLowerCase(),
            log.getTopics().stream().map(String::toLowerCase).toList(), log.getData().toLowerCase(), txHash))
        .toList();
  }

  /** One transaction calling the inbox's {@code validateMessages}: one executing message per spec, in order. */
  public ExecutingReceipt emitExecuting(List<ExecSpec> specs) {
    return emitExecuting(specs, List.of());
  }

  /**
   * As {@link #emitExecuting(List)}, the transaction carrying an EIP-2930 access list with these storage keys
   * under the inbox address (none when empty).
   */
  public ExecutingReceipt emitExecuting(List<ExecSpec> specs, List<String> inboxStorageKeys) {
    return executingReceipt(submitExecuting(specs, inboxStorageKeys));
  }

  public String submitExecuting(List<ExecSpec> specs, List<String> inboxStorageKeys) {
    List<AccessListObject> accessList = inboxStorageKeys.isEmpty()
        ? List.of()
        : List.of(new AccessListObject(Inbox.ADDRESS, List.copyOf(inboxStorageKeys)));
    return sender.send(Inbox.ADDRESS, Calldata.validateMessages(specs), accessList);
  }

  /** Any log from the inbox address, for malformed executing messages ({@link Malformed}). */
  public ExecutingReceipt emitRawInboxLog(RawLog log) {
    return executingReceipt(submitRawInboxLog(log));
  }

  public String submitRawInboxLog(RawLog log) {
    return sender.send(Inbox.ADDRESS, Calldata.emitRaw(log), List.of());
  }

  /** Where the inbox logs of a mined transaction landed. */
  public ExecutingReceipt executingReceipt(String txHash) {
    TransactionReceipt receipt = sender.receipt(txHash);
    List<Long> logIndexes = logsFrom(receipt, Inbox.ADDRESS).stream()
        .map(log -> log.getLogIndex().longValueExact())
        .toList();
    return new ExecutingReceipt(chainId(), receipt.getBlockNumber().longValueExact(), receipt.getBlockHash(),
        blockTimestamp(receipt.getBlockHash()), txHash, logIndexes);
  }

  /** Mines {@code blocks} blocks at once; the first takes the pending transactions. */
  public void mine(int blocks) {
    rpc.call("anvil_mine", Numeric.encodeQuantity(BigInteger.valueOf(blocks)));
  }

  /** With automine off, transactions wait in the pool until {@link #mine} (or interval mining). */
  public void setAutomine(boolean enabled) {
    rpc.call("evm_setAutomine", enabled);
  }

  /** Moves the chain's clock forward for every later block. */
  public void increaseTime(long seconds) {
    rpc.call("evm_increaseTime", seconds);
  }

  /** The next block gets exactly this timestamp, and later blocks continue from it. */
  public void setNextBlockTimestamp(long timestamp) {
    rpc.call("evm_setNextBlockTimestamp", timestamp);
  }

  /**
   * Replaces the last {@code depth} blocks with as many new, empty ones: their transactions (and logs) are
   * gone, and every replaced height gets a new hash. anvil gives the new blocks the timestamp of the block
   * below them and winds the chain's clock back with them, so an identifier that named a replaced block no
   * longer matches its timestamp either; {@link #reorgKeepingTimestamps} keeps them.
   */
  public void reorg(int depth) {
    rpc.call("anvil_reorg", depth, List.of());
  }

  /**
   * As {@link #reorg}, but each new block has the timestamp of the block it replaces, so that an identifier
   * that named a replaced block still matches its block's time and misses only its log. Not for a chain with
   * interval mining, whose miner could slip a block in between.
   */
  public void reorgKeepingTimestamps(int depth) {
    long head = head();
    List<BlockRef> replaced = LongStream.rangeClosed(head - depth + 1, head).mapToObj(this::block).toList();
    rpc.call("anvil_rollback", depth);
    for (BlockRef block : replaced) {
      setNextBlockTimestamp(block.timestamp());
      mine(1);
    }
  }

  /**
   * Takes the head block out of the chain and mines {@code replacements} empty blocks in its place, so that it is
   * reorged out; {@link #restore} can later put the very same block back. The head block must hold a
   * transaction, or its replacement could be identical. Send nothing on this chain until the restore: a new
   * transaction would take the removed one's nonce.
   */
  public RemovedBlock removeHead(int replacements) {
    if (replacements < 1) {
      throw new IllegalArgumentException("at least one block must replace the removed one: " + replacements);
    }
    EthBlock.Block head = Rpc.send(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
    List<String> raw = head.getTransactions().stream()
        .map(tx -> String.valueOf(rpc.call("eth_getRawTransactionByHash", (String) tx.get())))
        .toList();
    if (raw.isEmpty()) {
      throw new IllegalStateException("head block " + head.getNumber() + " of chain " + chainId() + " is empty");
    }
    var removed = new RemovedBlock(new BlockRef(head.getNumber().longValueExact(), head.getHash(),
        head.getTimestamp().longValueExact()), head.getBaseFeePerGas(), raw);
    rpc.call("anvil_rollback", 1);
    mine(replacements);
    return removed;
  }

  /**
   * Puts back a block {@link #removeHead} took out, as the head, with its hash: the blocks since are rolled back,
   * and its transactions are mined again on the same parent with its timestamp and base fee. A chain whose fork
   * choice left a block and came back to it looks like this.
   */
  public void restore(RemovedBlock removed) {
    long number = removed.block().number();
    rpc.call("anvil_rollback", head() - number + 1);
    setNextBlockTimestamp(removed.block().timestamp());
    rpc.call("anvil_setNextBlockBaseFeePerGas", Numeric.encodeQuantity(removed.baseFeePerGas()));
    boolean automine = Boolean.TRUE.equals(rpc.call("anvil_getAutomine"));
    setAutomine(false);
    try {
      removed.rawTransactions().forEach(raw -> Rpc.send(web3j.ethSendRawTransaction(raw)));
      mine(1);
    } finally {
      setAutomine(automine);
    }
    BlockRef rebuilt = block(number);
    if (!rebuilt.equals(removed.block())) {
      throw new IllegalStateException("chain " + chainId() + " rebuilt block " + number + " as " + rebuilt
          + ", not as " + removed.block());
    }
  }

  /** Saves the chain's state; {@link #revert} returns to it (once). */
  public String snapshot() {
    return String.valueOf(rpc.call("evm_snapshot"));
  }

  public void revert(String snapshotId) {
    if (!Boolean.TRUE.equals(rpc.call("evm_revert", snapshotId))) {
      throw new IllegalStateException("no snapshot " + snapshotId + " on chain " + chainId());
    }
  }

  public long head() {
    return Rpc.send(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  /** The {@code safe} block's number: {@code --slots-in-an-epoch} blocks behind the head. */
  public long safe() {
    return block(DefaultBlockParameterName.SAFE).number();
  }

  public long finalized() {
    return block(DefaultBlockParameterName.FINALIZED).number();
  }

  public BlockRef latestBlock() {
    return block(DefaultBlockParameterName.LATEST);
  }

  public BlockRef block(long number) {
    return block(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)));
  }

  public long genesisTimestamp() {
    return block(0).timestamp();
  }

  /** Releases the client; the {@link Devnet} stops the process. */
  @Override
  public void close() {
    web3j.shutdown();
  }

  private BlockRef block(DefaultBlockParameter at) {
    EthBlock.Block block = Rpc.send(web3j.ethGetBlockByNumber(at, false)).getBlock();
    if (block == null) {
      throw new IllegalArgumentException("chain " + chainId() + " has no block " + at.getValue());
    }
    return new BlockRef(block.getNumber().longValueExact(), block.getHash(), block.getTimestamp().longValueExact());
  }

  private long blockTimestamp(String blockHash) {
    return Rpc.send(web3j.ethGetBlockByHash(blockHash, false)).getBlock().getTimestamp().longValueExact();
  }

  private static List<Log> logsFrom(TransactionReceipt receipt, String address) {
    return receipt.getLogs().stream().filter(log -> log.getAddress().equalsIgnoreCase(address)).toList();
  }
}
