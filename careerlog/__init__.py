"""careerlog: civil-servant career records as an immutable event log."""
