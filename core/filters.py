"""What every API list filter shares."""

from __future__ import annotations

# A filter on an id takes a 64-bit primary key: a larger number is a field-level 400 on every
# database (PostgreSQL would compare it as numeric and answer an empty list; SQLite overflows).
ID_MAX = 2**63 - 1
ID_FILTER = {"min_value": 1, "max_value": ID_MAX, "decimal_places": 0}
