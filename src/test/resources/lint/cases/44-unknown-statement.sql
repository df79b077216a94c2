-- expect: LINT000
FROBNICATE users;
