-- expect: LINT017
CREATE TABLE customer_subscription_billing_history_entries_archived_for_audit_2025 (id bigint PRIMARY KEY);
