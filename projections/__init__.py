"""Read models derived from the career ledger: views, audits and statistics."""
