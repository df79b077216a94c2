-- expect: LINT020
FROBNICATE users;
