/**
 * The HTTP contract: health and readiness, {@code /metrics}, the {@code /api/v1} messages, chains, summary and event
 * stream, the OpenAPI document and the status page (classpath resources under {@code crosswatch/api/}).
 * {@link crosswatch.api.Routes} lists every route; handlers stay thin: {@link crosswatch.api.Params} turns the
 * request into typed values (or a {@link crosswatch.api.BadParameter}), the store answers, a {@code *Json} record is
 * the wire shape, and {@link crosswatch.api.ApiErrors} renders every failure as {@code {"error","parameter"}}.
 */
package crosswatch.api;
