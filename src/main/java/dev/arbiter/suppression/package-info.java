/**
 * Suppressions: an analyst's time-bounded decision that alerts matching a pattern (source, category, host, account,
 * title substring) are known noise. A suppressed alert is still stored and assessed, but its decision says it is
 * suppressed and proposes no actions. Creating and revoking are audited; a suppression always expires.
 */
package dev.arbiter.suppression;
