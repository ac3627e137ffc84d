-- The knowledge base for answers at intake (直办): entries an admin maintains, and the character
-- n-grams of each entry, which is how Chinese text is searched without a word segmenter.

CREATE TABLE IF NOT EXISTS hotline_knowledge (
    id TEXT NOT NULL PRIMARY KEY,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    department TEXT NULL,
    tags TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS hotline_knowledge_gram (
    gram TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    PRIMARY KEY (gram, entry_id)
);

CREATE INDEX IF NOT EXISTS hotline_knowledge_gram_entry ON hotline_knowledge_gram (entry_id);
