-- One- and two-character search as posting lists: rows of (gram, score) with the ids of the
-- items holding that gram at that score, instead of one row per (gram, score, item). 10,000
-- items made 1.7 million rows (plus a by-item index for deletes); writing them was most of a
-- large catalog delta's time. A list is kept in blocks of up to a hundred ids (a few hundred
-- when a delta has grown one), each a JSON array in ascending order (the rank order a search
-- reads them in, and one SQL can open with json_each), keyed by the smallest id it had when
-- written: a delta rewrites the blocks its ids fall in, not a whole list of 10,000 ids.
CREATE TABLE catalog_gram_items (
    gram  TEXT    NOT NULL,
    score INTEGER NOT NULL,
    block INTEGER NOT NULL,
    items TEXT    NOT NULL,
    PRIMARY KEY (gram, score DESC, block)
) WITHOUT ROWID;

INSERT INTO catalog_gram_items (gram, score, block, items)
SELECT gram, score, min(item_id), json_group_array(item_id ORDER BY item_id)
FROM (SELECT gram, score, item_id,
             (row_number() OVER (PARTITION BY gram, score ORDER BY item_id) - 1) / 100 AS piece
      FROM catalog_gram)
GROUP BY gram, score, piece;

DROP INDEX catalog_gram_by_item;
DROP TABLE catalog_gram;
