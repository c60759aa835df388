-- AlterTable
ALTER TABLE "Announcement" ADD COLUMN     "snippet" TEXT NOT NULL DEFAULT '';

-- Announcements written before this column get a rough snippet from their Markdown source
-- (markers and link targets dropped, spaces collapsed). New ones get the real one from the app.
UPDATE "Announcement"
SET "snippet" = left(btrim(regexp_replace(regexp_replace(regexp_replace("body", '\]\([^)]*\)', ']', 'g'), '[#*_`>|~\[\]!]+', ' ', 'g'), '\s+', ' ', 'g')), 140);
