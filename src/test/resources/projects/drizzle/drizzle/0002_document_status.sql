CREATE TYPE "public"."document_status" AS ENUM('draft', 'published');
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "status" "document_status" DEFAULT 'draft' NOT NULL;
