/**
 * What every feature shares: RFC 9457 problem details and the one place that maps exceptions to them, the clock,
 * JSON helpers, and reading small request bodies before a worker thread takes the request. Keep it tiny; nothing
 * feature-specific belongs here.
 */
package dev.arbiter.common;
