-- The FTS tables keep only their index, not a second copy of the texts (contentless, with
-- contentless_delete so that a delta can still delete an item's rows), and no per-row column
-- sizes: the search reads nothing but rowids from them (no bm25, snippet or highlight), and the
-- texts are derived from service_item.doc, which an import or delta writes anyway. Writing the
-- copy and the sizes was a large share of the writer's time on a 10,000-item delta, and a
-- contentful FTS5 delete reads the old texts back and tokenizes them again to find the terms
-- to remove; a contentless-delete table marks the row deleted instead.
CREATE VIRTUAL TABLE catalog_fts_name_v9 USING fts5(name, name_pinyin, name_syn, tokenize = 'trigram',
    content = '', contentless_delete = 1);
INSERT INTO catalog_fts_name_v9 (rowid, name, name_pinyin, name_syn)
SELECT rowid, name, name_pinyin, name_syn FROM catalog_fts_name;
DROP TABLE catalog_fts_name;
ALTER TABLE catalog_fts_name_v9 RENAME TO catalog_fts_name;

CREATE VIRTUAL TABLE catalog_fts_keyword_v9 USING fts5(keywords, keywords_syn, tokenize = 'trigram',
    content = '', contentless_delete = 1);
INSERT INTO catalog_fts_keyword_v9 (rowid, keywords, keywords_syn)
SELECT rowid, keywords, keywords_syn FROM catalog_fts_keyword;
DROP TABLE catalog_fts_keyword;
ALTER TABLE catalog_fts_keyword_v9 RENAME TO catalog_fts_keyword;

CREATE VIRTUAL TABLE catalog_fts_material_v9 USING fts5(materials, materials_syn, tokenize = 'trigram',
    content = '', contentless_delete = 1);
INSERT INTO catalog_fts_material_v9 (rowid, materials, materials_syn)
SELECT rowid, materials, materials_syn FROM catalog_fts_material;
DROP TABLE catalog_fts_material;
ALTER TABLE catalog_fts_material_v9 RENAME TO catalog_fts_material;

-- V7's hashsize belongs to the table it was set on
INSERT INTO catalog_fts_name (catalog_fts_name, rank) VALUES ('hashsize', 33554432);
INSERT INTO catalog_fts_keyword (catalog_fts_keyword, rank) VALUES ('hashsize', 33554432);
INSERT INTO catalog_fts_material (catalog_fts_material, rank) VALUES ('hashsize', 33554432);
