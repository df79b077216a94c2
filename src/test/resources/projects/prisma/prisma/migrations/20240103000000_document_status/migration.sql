-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- AlterTable
ALTER TABLE "documents" ADD COLUMN "status" "DocumentStatus" NOT NULL DEFAULT 'DRAFT';
