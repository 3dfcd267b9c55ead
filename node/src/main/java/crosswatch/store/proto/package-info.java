/**
 * The ProtoStream wire and storage format of the store's values. Adapters keep the domain records free of
 * marshalling annotations. Field numbers are fixed forever: replicas of different versions and data already on
 * disk read each other by number, so a field may be added under a new number or retired, never renumbered.
 */
package crosswatch.store.proto;
