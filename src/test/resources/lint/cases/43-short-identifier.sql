-- expect: none
CREATE TABLE billing_history_archive (id bigint PRIMARY KEY);
