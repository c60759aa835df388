-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "syncedAt" TIMESTAMP(3);
