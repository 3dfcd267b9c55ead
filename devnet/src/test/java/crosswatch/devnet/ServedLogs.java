package crosswatch.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/** What a chain serves over eth_getLogs, read independently of the fixture's own receipts. */
final class ServedLogs {
  private ServedLogs() {}

  static List<Log> inBlock(DevnetChain chain, String blockHash) {
    try {
      return chain.web3j().ethGetLogs(new EthFilter(blockHash)).send().getLogs().stream()
          .map(result -> (Log) result.get())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Log at(DevnetChain chain, String blockHash, long logIndex) {
    return inBlock(chain, blockHash).stream()
        .filter(log -> log.getLogIndex().longValueExact() == logIndex)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no log " + logIndex + " in block " + blockHash));
  }
}
