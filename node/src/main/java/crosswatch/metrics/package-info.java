/**
 * Every meter Crosswatch exports: the names in {@link crosswatch.metrics.Meters}, and the classes that register
 * and record them for chains, RPC and judging; {@link crosswatch.metrics.StoreGauges} shows what the shared records
 * say (the same on every replica).
 */
package crosswatch.metrics;
