/**
 * The replica cluster: how a node joins its peers (JGroups stacks from {@code cluster-config/}, static or DNS
 * discovery, TLS) and the replicated caches that hold every message record and chain checkpoint. A node without
 * cluster flags is a one-member cluster on loopback, on the same code path.
 */
package crosswatch.cluster;
