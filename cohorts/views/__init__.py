"""Cohort pages, one module per scheme (IOM now; DAPU, MAPPA and RSO later)."""
