package crosswatch.api;

/** The body of every error response; {@code parameter} is null unless one request parameter is at fault. */
public record ErrorJson(String error, String parameter) {}
