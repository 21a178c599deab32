-- Every Sid this store has ever given a record, kept after the record leaves for post-flight, so a
-- producer that brings its own Sid can never make a second record of one that exists or existed, in
-- any account (409). The primary key is the whole check: a create inserts its claim in the same
-- transaction as its row, and a taken Sid fails that insert. Nothing else reads this table.
-- ascii: a Sid is 34 ASCII characters, so a claim costs 34 bytes of key (utf8mb4 would reserve more).
-- With several in-flight write nodes (DESIGN.md, seed 003), a Sid's slot names its node, so every
-- create of one Sid meets the same node and the same claims.
CREATE TABLE sid_claim (
  sid CHAR(34) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (sid)
) ENGINE = InnoDB;

-- The records live now; those that left before this table existed are not known here.
INSERT INTO sid_claim (sid) SELECT sid FROM live_record;
