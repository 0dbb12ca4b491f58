-- AlterTable
ALTER TABLE "dataset" ADD COLUMN     "warnings" JSONB NOT NULL DEFAULT '[]';
