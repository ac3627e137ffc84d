-- Routing corrections, kept from tickets' history in the projection's transaction. n numbers them in
-- commit order without gaps, so "corrections 1..n" names the same set on every silo and after a restart.

CREATE TABLE IF NOT EXISTS hotline_routing_correction (
    ticket_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    n BIGINT NOT NULL UNIQUE,
    correction TEXT NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);
