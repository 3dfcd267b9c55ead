/**
 * Judging: the ports chains are read through ({@link crosswatch.judge.InitiatingBlocks},
 * {@link crosswatch.judge.ChainEvents}), and the loop that stores found messages, judges each against its
 * initiating block fetched once per block, keeps undecided messages waiting for the block they need, and writes
 * every change of status through the store's merge.
 */
package crosswatch.judge;
