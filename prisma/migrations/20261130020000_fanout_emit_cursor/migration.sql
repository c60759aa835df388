-- The in-app emit cursor of a fan-out: every notification of the announcement with an id up
-- to this one has been emitted live. One value per announcement replaces a per-row update of
-- "Notification"."emittedAt" (which rows written before this migration keep).
ALTER TABLE "Announcement" ADD COLUMN "emittedThrough" BIGINT;
