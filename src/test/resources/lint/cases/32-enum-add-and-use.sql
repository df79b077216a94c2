-- expect: LINT012
ALTER TYPE mood ADD VALUE 'meh';
UPDATE users SET status = 'meh' WHERE status = 'gone' AND 'meh'::mood IS NOT NULL;
