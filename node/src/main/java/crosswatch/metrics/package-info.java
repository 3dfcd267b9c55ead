/**
 * Every meter Crosswatch exports: the names in {@link crosswatch.metrics.Meters}, and the classes that register
 * and record them for chains, RPC and judging.
 */
package crosswatch.metrics;
