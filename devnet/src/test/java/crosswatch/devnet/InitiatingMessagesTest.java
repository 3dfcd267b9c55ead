package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class InitiatingMessagesTest {
  private static final String TOPIC_A = Hash.sha3String("topic a");
  private static final String TOPIC_B = Hash.sha3String("topic b");

  private Devnet devnet;
  private DevnetChain chain;

  @BeforeAll
  void startChain() {
    devnet = Devnet.start(901);
    chain = devnet.chain(901);
  }

  @AfterAll
  void stopChain() {
    devnet.close();
  }

  @Nested
  class OneLog {
    @Test
    void theMessageHashIsTheKeccakOfTheLogsTopicsAndDataAsTheChainServesThem() {
      InitiatingLog log = chain.emitInitiating(List.of(TOPIC_A, TOPIC_B), "0xdeadbeef01");

      Log served = servedLog(log);
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      served.getTopics().forEach(topic -> payload.writeBytes(Numeric.hexStringToByteArray(topic)));
      payload.writeBytes(Numeric.hexStringToByteArray(served.getData()));
      assertThat(log.msgHash()).isEqualTo(Numeric.toHexString(Hash.sha3(payload.toByteArray())));
      assertThat(served.getTopics()).containsExactly(TOPIC_A, TOPIC_B);
      assertThat(served.getData()).isEqualTo("0xdeadbeef01");
    }

    @Test
    void describesWhereTheLogIsOnTheChain() {
      InitiatingLog log = chain.emitInitiating(List.of(TOPIC_A), "0x");

      BlockRef block = chain.block(log.blockNumber());
      assertThat(log.chainId()).isEqualTo(901);
      assertThat(log.blockHash()).isEqualTo(block.hash());
      assertThat(log.timestamp()).isEqualTo(block.timestamp());
      assertThat(log.origin()).isEqualTo(chain.emitterAddress());
      assertThat(servedLog(log).getTransactionHash()).isEqualTo(log.txHash());
    }

    @Test
    void mayHaveNoTopicsOrFour() {
      assertThat(chain.emitInitiating(List.of(), "0x01").topics()).isEmpty();
      List<String> four = List.of(TOPIC_A, TOPIC_B, TOPIC_A, TOPIC_B);
      assertThat(chain.emitInitiating(four, "0x").topics()).isEqualTo(four);
    }
  }

  @Nested
  class Batch {
    @Test
    void emitsOneLogPerElementInOrderInOneBlockWithConsecutiveIndexes() {
      List<RawLog> logs = IntStream.range(0, 5)
          .mapToObj(i -> RawLog.of(List.of(TOPIC_A).subList(0, i % 2), new byte[] {(byte) i, 7}))
          .toList();

      List<InitiatingLog> emitted = chain.emitInitiatingBatch(logs);

      assertThat(emitted).extracting(InitiatingLog::blockNumber).containsOnly(emitted.getFirst().blockNumber());
      assertThat(emitted).extracting(InitiatingLog::logIndex).containsExactly(0L, 1L, 2L, 3L, 4L);
      for (int i = 0; i < logs.size(); i++) {
        Log served = servedLog(emitted.get(i));
        assertThat(served.getTopics()).isEqualTo(logs.get(i).topics());
        assertThat(served.getData()).isEqualTo(logs.get(i).data());
      }
    }
  }

  private Log servedLog(InitiatingLog log) {
    return ServedLogs.at(chain, log.blockHash(), log.logIndex());
  }
}
