-- One- and two-character search as posting lists: one row per (gram, score) with the ids of
-- every item holding that gram at that score, instead of one row per (gram, score, item).
-- 10,000 items made 1.7 million rows (plus a by-item index for deletes); writing them was most
-- of a large catalog delta's time. A list is a JSON array of item ids in ascending order (the
-- rank order a search reads them in), so SQL can still open it with json_each.
CREATE TABLE catalog_gram_items (
    gram  TEXT    NOT NULL,
    score INTEGER NOT NULL,
    items TEXT    NOT NULL,
    PRIMARY KEY (gram, score DESC)
) WITHOUT ROWID;

-- The old table's key is (gram, score DESC, item_id): grouped in that order the ids of each
-- list come in ascending order (and a reader that meets a list out of order sorts it anyway).
INSERT INTO catalog_gram_items (gram, score, items)
SELECT gram, score, json_group_array(item_id) FROM catalog_gram GROUP BY gram, score;

DROP INDEX catalog_gram_by_item;
DROP TABLE catalog_gram;
