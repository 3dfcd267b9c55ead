/**
 * The HTTP contract: {@code /healthz}, {@code /metrics} and {@code /api/v1/messages}. {@link crosswatch.api.Routes}
 * lists every route; handlers stay thin: {@link crosswatch.api.Params} turns the request into typed values (or a
 * {@link crosswatch.api.BadParameter}), the store answers, a {@code *Json} record is the wire shape, and
 * {@link crosswatch.api.ApiErrors} renders every failure as {@code {"error","parameter"}}.
 */
package crosswatch.api;
