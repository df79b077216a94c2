-- expect: none
-- a byte order mark (editors on Windows write one) reads as nothing: the table is new, so its index is no hazard
CREATE TABLE bom_notes (id bigint PRIMARY KEY, body text);
CREATE INDEX bom_notes_body ON bom_notes (body);
