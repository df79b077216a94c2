-- expect: none
CREATE TABLE invites (id bigint PRIMARY KEY, email text CONSTRAINT invites_email_check CHECK (email <> ''));
ALTER TABLE invites DROP CONSTRAINT invites_email_check;
