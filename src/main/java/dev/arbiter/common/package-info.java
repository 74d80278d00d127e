/**
 * What every feature shares: RFC 9457 problem details and the one place that maps exceptions to them, the clock,
 * JSON helpers, reading small request bodies before a worker thread takes the request, and gauges that count rows for
 * {@code /q/metrics}. Keep it tiny; nothing feature-specific belongs here.
 */
package dev.arbiter.common;
