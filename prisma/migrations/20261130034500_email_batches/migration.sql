-- Email deliveries go out in batches (one job per page of rows, named by "batch"), and a
-- row is claimed with a lease ("claim", "lockedUntil") before it is sent, so two runs never
-- send it at once and a crashed run's rows come free when the lease lapses.
-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "batch" TEXT,
ADD COLUMN     "claim" UUID,
ADD COLUMN     "lockedUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Delivery_batch_idx" ON "Delivery"("batch");
