-- expect: none
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';
