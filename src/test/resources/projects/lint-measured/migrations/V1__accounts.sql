CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE accounts (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    note varchar(50),
    embedding vector(8)
);
