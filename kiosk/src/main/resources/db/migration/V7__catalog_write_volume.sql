-- FTS5 keeps the terms of rows inserted in a transaction in memory and writes them as one new
-- segment when that memory passes 'hashsize' (default 1 MB) or at commit. A 10,000-item catalog
-- delta or import holds about 2 million characters of trigram text per table: at 1 MB that is
-- dozens of small segments per table, each written and then merged again into larger ones
-- (automerge), and the page cache churns between them. At 32 MB a large import writes a table's
-- terms about once, at commit, and nothing touches the table's pages while rows are inserted,
-- so its inserts can go in beside the item rows. The memory is only used by a large change:
-- a resident's search or a small delta holds a few KB.
INSERT INTO catalog_fts_name (catalog_fts_name, rank) VALUES ('hashsize', 33554432);
INSERT INTO catalog_fts_keyword (catalog_fts_keyword, rank) VALUES ('hashsize', 33554432);
INSERT INTO catalog_fts_material (catalog_fts_material, rank) VALUES ('hashsize', 33554432);

-- Gram lists in blocks of 32 ids (GramLists.BLOCK; a row holds at most 64) instead of 100 to
-- 200: a row of 100 ids of 11 digits is 1.2 KB, over the ~1,000 bytes a WITHOUT ROWID row may
-- keep on its b-tree page with 4 KiB pages, so nearly every row had an overflow page of its own
-- (59 of 69 MB for 10,000 items). Same lists, same order, same key (the block's smallest id).
-- Re-blocked in place, through a temporary copy, so the table keeps V6's definition.
CREATE TEMP TABLE gram_blocks AS
SELECT gram, score, min(id) AS block, json_group_array(id ORDER BY id) AS items
FROM (SELECT g.gram, g.score, j.value AS id,
             (row_number() OVER (PARTITION BY g.gram, g.score ORDER BY j.value) - 1) / 32 AS piece
      FROM catalog_gram_items g, json_each(g.items) j)
GROUP BY gram, score, piece;

DELETE FROM catalog_gram_items;
INSERT INTO catalog_gram_items (gram, score, block, items) SELECT gram, score, block, items FROM gram_blocks;
DROP TABLE gram_blocks;
