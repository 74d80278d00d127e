package dev.arbiter.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The row locked while an automatic action of one type is counted against its budget. */
@Entity
@Table(name = "approval_budget")
public class BudgetLock {

    @Id
    @Column(name = "action_type")
    public String actionType;
}
