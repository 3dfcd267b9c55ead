/**
 * The message store: immutable {@link crosswatch.store.MessageRecord}s under deterministic
 * {@link crosswatch.store.MessageKey}s, the {@link crosswatch.store.Merge} (a join: commutative, associative,
 * idempotent) through which every write and every partition heal goes, chain checkpoints, and the queries the API
 * answers from an in-memory {@link crosswatch.store.MessageIndex}. Stores live in this process
 * ({@link crosswatch.store.InMemoryMessageStore}) or in replicated Infinispan caches
 * ({@link crosswatch.store.InfinispanMessageStore}); {@code store.proto} is their wire and disk format.
 */
package crosswatch.store;
