/**
 * Threat intelligence: indicators, their API ({@code /api/v1/indicators}), CSV, JSON and STIX 2.1 imports, and
 * {@link dev.arbiter.context.intel.IndicatorLookup}, which finds the indicators listing an address or file hash.
 * Expiry is judged by the caller against the decision time. Owns the {@code intel_indicator} table; decides nothing.
 */
package dev.arbiter.context.intel;
