-- expect: LINT008
DROP TABLE docs;
