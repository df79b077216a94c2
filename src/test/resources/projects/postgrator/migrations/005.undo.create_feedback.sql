DROP FUNCTION feedback_score(bigint);
DROP TABLE feedback;
