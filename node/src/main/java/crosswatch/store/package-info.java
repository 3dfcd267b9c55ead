/**
 * The message store: immutable {@link crosswatch.store.MessageRecord}s under deterministic
 * {@link crosswatch.store.MessageKey}s, the {@link crosswatch.store.Merge} (a join: commutative, associative,
 * idempotent) through which every write and every partition heal goes, chain checkpoints, and the queries the API
 * answers from an in-memory {@link crosswatch.store.MessageIndex}. Stores live in this process
 * ({@link crosswatch.store.InMemoryMessageStore}) or in replicated Infinispan caches
 * ({@link crosswatch.store.InfinispanMessageStore}); {@code store.proto} is their wire and disk format. Every change
 * of an indexed record, whoever wrote it, is published through {@link crosswatch.store.MessageEvents}, which keeps
 * {@link crosswatch.store.MessageCounts} (summary, gauges) and the API's event stream current without scans.
 */
package crosswatch.store;
