/**
 * The replica cluster: how a node joins its peers (JGroups stacks from {@code cluster-config/}, static or DNS
 * discovery, TLS), the replicated caches that hold every message record and chain checkpoint, which replica
 * watches which chain ({@link crosswatch.cluster.Ownership}, recomputed on every view by
 * {@link crosswatch.cluster.Membership}), and where chains resume after the whole cluster lost its state: the
 * lowest safe point any replica's files know ({@link crosswatch.cluster.ResumePoints},
 * {@link crosswatch.cluster.ColdStarts}). A node without cluster flags is a one-member cluster on loopback, on
 * the same code path.
 */
package crosswatch.cluster;
