package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Hash;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class ChainControlTest {
  private static final int SLOTS_IN_AN_EPOCH = 3;

  private Devnet devnet;
  private DevnetChain chain;

  @BeforeAll
  void startChain() {
    devnet = Devnet.start(List.of(ChainSpec.of(902).withSlotsInAnEpoch(SLOTS_IN_AN_EPOCH)));
    chain = devnet.chain(902);
  }

  @AfterAll
  void stopChain() {
    devnet.close();
  }

  @Nested
  class Mining {
    @Test
    void mineAddsThatManyBlocks() {
      long before = chain.head();
      chain.mine(4);
      assertThat(chain.head()).isEqualTo(before + 4);
    }

    @Test
    void withAutomineOffTransactionsWaitForTheNextMinedBlock() {
      chain.setAutomine(false);
      String txHash;
      long before;
      try {
        before = chain.head();
        txHash = chain.submitInitiatingBatch(List.of(new RawLog(List.of(), "0x01")));
        assertThat(chain.head()).isEqualTo(before);
        chain.mine(1);
      } finally {
        chain.setAutomine(true);
      }
      assertThat(chain.initiatingLogs(txHash).getFirst().blockNumber()).isEqualTo(before + 1);
    }

    @Test
    void safeAndFinalizedTrailTheHeadByOneAndTwoEpochs() {
      chain.mine(3 * SLOTS_IN_AN_EPOCH);
      long head = chain.head();
      assertThat(chain.safe()).isEqualTo(head - SLOTS_IN_AN_EPOCH);
      assertThat(chain.finalized()).isEqualTo(head - 2 * SLOTS_IN_AN_EPOCH);
    }
  }

  @Nested
  class Time {
    @Test
    void theNextBlockTakesTheGivenTimestamp() {
      long target = chain.latestBlock().timestamp() + 1_000;
      chain.setNextBlockTimestamp(target);
      chain.mine(1);
      assertThat(chain.latestBlock().timestamp()).isEqualTo(target);
    }

    @Test
    void increaseTimeMovesLaterBlocksForward() {
      long before = chain.latestBlock().timestamp();
      chain.increaseTime(3_600);
      chain.mine(1);
      assertThat(chain.latestBlock().timestamp()).isGreaterThanOrEqualTo(before + 3_600);
    }

    @Test
    void genesisIsBlockZerosTimestamp() {
      assertThat(chain.genesisTimestamp()).isEqualTo(chain.block(0).timestamp()).isPositive();
    }
  }

  @Nested
  class Reorg {
    @Test
    void replacesTheBlockHashAtTheReorgedHeightAndDropsItsLogs() {
      InitiatingLog log = chain.emitInitiating(List.of(Hash.sha3String("doomed")), "0x");
      chain.mine(1);
      long head = chain.head();

      chain.reorg(2);

      assertThat(chain.head()).isEqualTo(head);
      BlockRef replaced = chain.block(log.blockNumber());
      assertThat(replaced.hash()).isNotEqualTo(log.blockHash());
      assertThat(ServedLogs.inBlock(chain, replaced.hash())).isEmpty();
    }

    @Test
    void keepingTimestampsReplacesHashesAndLogsButNotTheBlocksTimes() {
      InitiatingLog log = chain.emitInitiating(List.of(Hash.sha3String("doomed too")), "0x");
      chain.increaseTime(5);
      chain.mine(1);
      BlockRef top = chain.latestBlock();

      chain.reorgKeepingTimestamps(2);

      BlockRef replaced = chain.block(log.blockNumber());
      assertThat(replaced.hash()).isNotEqualTo(log.blockHash());
      assertThat(replaced.timestamp()).isEqualTo(log.timestamp());
      assertThat(ServedLogs.inBlock(chain, replaced.hash())).isEmpty();
      assertThat(chain.latestBlock()).satisfies(head -> {
        assertThat(head.number()).isEqualTo(top.number());
        assertThat(head.timestamp()).isEqualTo(top.timestamp());
        assertThat(head.hash()).isNotEqualTo(top.hash());
      });
    }

    @Test
    void leavesBlocksBelowTheDepthAlone() {
      chain.mine(3);
      BlockRef kept = chain.block(chain.head() - 2);

      chain.reorg(2);

      assertThat(chain.block(kept.number())).isEqualTo(kept);
    }
  }

  @Nested
  class RemoveAndRestore {
    @Test
    void aRemovedHeadIsReorgedOutAndComesBackWithItsHashAndLogs() {
      InitiatingLog log = chain.emitInitiating(List.of(Hash.sha3String("back again")), "0x");
      BlockRef original = chain.block(log.blockNumber());

      RemovedBlock removed = chain.removeHead(2);

      assertThat(removed.block()).isEqualTo(original);
      assertThat(chain.head()).isEqualTo(original.number() + 1);
      BlockRef replacement = chain.block(original.number());
      assertThat(replacement.hash()).isNotEqualTo(original.hash());
      assertThat(ServedLogs.inBlock(chain, replacement.hash())).isEmpty();

      chain.restore(removed);

      assertThat(chain.latestBlock()).isEqualTo(original);
      assertThat(ServedLogs.inBlock(chain, original.hash())).hasSize(1);
      chain.emitInitiating(List.of(Hash.sha3String("after the return")), "0x");
      assertThat(chain.head()).isEqualTo(original.number() + 1);
    }

    @Test
    void anEmptyHeadIsRefused() {
      chain.mine(1);

      assertThatThrownBy(() -> chain.removeHead(1)).hasMessageContaining("is empty");
    }
  }

  @Nested
  class Snapshots {
    @Test
    void revertReturnsToTheSnapshotsHead() {
      long head = chain.head();
      String snapshot = chain.snapshot();
      chain.mine(5);

      chain.revert(snapshot);

      assertThat(chain.head()).isEqualTo(head);
    }

    @Test
    void revertingToAnUnknownSnapshotFails() {
      assertThatThrownBy(() -> chain.revert("0x999")).hasMessageContaining("no snapshot");
    }
  }
}
