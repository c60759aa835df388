-- The admin people list is ordered by (name, id) and pages by keyset on the same pair: with
-- this index a page of 50 out of 100,000 people reads 50 rows instead of sorting them all.
CREATE INDEX "User_name_id_idx" ON "User"("name", "id");
