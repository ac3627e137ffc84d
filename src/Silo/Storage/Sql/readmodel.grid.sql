-- The grid registry (docs/domain.md §6): district → street → community → cell, replaced whole by each upload.
-- workers holds the cell's grid workers joined by ';'; position keeps the order of the uploaded file.

CREATE TABLE IF NOT EXISTS hotline_grid_place (
    cell TEXT NOT NULL PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    district TEXT NOT NULL,
    street TEXT NOT NULL,
    community TEXT NOT NULL,
    workers TEXT NOT NULL
);
