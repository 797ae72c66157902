-- The nearby-handling service list (就近办事项清单) and its search indexes.

CREATE TABLE catalog_version (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    version      INTEGER NOT NULL,
    issued_at    TEXT    NOT NULL,
    imported_at  TEXT    NOT NULL,
    source       TEXT    NOT NULL
);

CREATE TABLE department (
    code     TEXT PRIMARY KEY,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE life_event (
    code     TEXT PRIMARY KEY,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE service_item (
    id                      INTEGER PRIMARY KEY,
    code                    TEXT    NOT NULL UNIQUE,
    name_zh                 TEXT    NOT NULL,
    name_en                 TEXT    NOT NULL,
    department_code         TEXT    NOT NULL REFERENCES department (code),
    handling_level          TEXT    NOT NULL CHECK (handling_level IN ('COMMUNITY', 'STREET', 'DISTRICT', 'CITY')),
    processing_time         TEXT    NOT NULL,
    processing_working_days INTEGER NOT NULL,
    proxy_handling          INTEGER NOT NULL,
    online_available        INTEGER NOT NULL,
    popularity              INTEGER NOT NULL,
    position                INTEGER NOT NULL,  -- order in the catalog file
    doc                     TEXT    NOT NULL   -- the item as in the catalog file (JSON)
);
-- id is the item's rank among equal matches (popularity, then file order): every index below
-- lists items in id order, so a search can stop once it has a page.
CREATE INDEX service_item_by_department ON service_item (department_code, id);

CREATE TABLE service_item_life_event (
    life_event_code TEXT    NOT NULL REFERENCES life_event (code),
    item_id         INTEGER NOT NULL REFERENCES service_item (id) ON DELETE CASCADE,
    PRIMARY KEY (life_event_code, item_id)
) WITHOUT ROWID;
CREATE INDEX service_item_life_event_by_item ON service_item_life_event (item_id);

-- Substring search for queries of three or more characters, one FTS5 trigram table per field
-- so that a search of the names reads only the names' index (rowid = service_item.id).
-- name: Chinese and English names and alternative names; name_pinyin: their full pinyin and
-- initials; keywords: keywords in both languages and their pinyin; materials: required
-- evidence. Each *_syn column holds the synonyms of the words in its field.
CREATE VIRTUAL TABLE catalog_fts_name USING fts5(name, name_pinyin, name_syn, tokenize = 'trigram');
CREATE VIRTUAL TABLE catalog_fts_keyword USING fts5(keywords, keywords_syn, tokenize = 'trigram');
CREATE VIRTUAL TABLE catalog_fts_material USING fts5(materials, materials_syn, tokenize = 'trigram');

-- One- and two-character queries, which trigrams cannot answer: every one- and two-character
-- gram of the same texts with the best score it occurs at (6 name … 1 material synonym, see
-- MatchLevel), in the order a search reads them: best score first, then rank.
CREATE TABLE catalog_gram (
    gram    TEXT    NOT NULL,
    score   INTEGER NOT NULL,
    item_id INTEGER NOT NULL REFERENCES service_item (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, score DESC, item_id)
) WITHOUT ROWID;

CREATE TABLE synonym (
    word     TEXT    NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (word, group_id)
) WITHOUT ROWID;

-- Every text the *_syn columns can hold (synonym words, their pinyin and initials): a query
-- word in none of them cannot match a synonym column, and its search skips those levels.
CREATE TABLE synonym_text (
    text TEXT PRIMARY KEY
) WITHOUT ROWID;
