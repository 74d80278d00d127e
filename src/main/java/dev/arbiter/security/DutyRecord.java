package dev.arbiter.security;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One entry of the separation-of-duties ledger: a principal performed a duty on a subject. */
@Entity
@Table(name = "duty_record")
@IdClass(DutyRecord.Key.class)
public class DutyRecord {

    @Id
    @Column(name = "subject_id")
    public String subjectId;

    @Id
    public String duty;

    @Id
    @Column(name = "principal_kind")
    public String principalKind;

    @Id
    @Column(name = "principal_id")
    public String principalId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** Composite key. */
    public static class Key implements Serializable {
        public String subjectId;
        public String duty;
        public String principalKind;
        public String principalId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(subjectId, k.subjectId) && Objects.equals(duty, k.duty)
                    && Objects.equals(principalKind, k.principalKind) && Objects.equals(principalId, k.principalId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subjectId, duty, principalKind, principalId);
        }
    }
}
