/**
 * Alert formats other tools emit (OCSF, ECS, Suricata EVE, Falco, GuardDuty, Wazuh, Alertmanager), mapped onto the
 * canonical {@link dev.arbiter.intake.Alert} by one plain-Java {@link dev.arbiter.intake.format.AlertFormat} per
 * format, and the {@code /api/v1/intake/{format}} API that decides them singly or in NDJSON batches. Mapped alerts
 * pass the canonical validation; the document as received is stored as the alert's raw JSON. Mappers never guess: a
 * record that is not an alert is refused. This package decides nothing itself; it hands alerts to the decision
 * feature. The mapping per format is documented in {@code docs/formats.md}.
 */
package dev.arbiter.intake.format;
