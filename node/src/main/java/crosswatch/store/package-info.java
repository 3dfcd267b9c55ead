/**
 * The message store: immutable {@link crosswatch.store.MessageRecord}s under deterministic
 * {@link crosswatch.store.MessageKey}s, the merge that resolves two versions of one record, chain checkpoints,
 * and the queries the API answers.
 */
package crosswatch.store;
