"""The career domain: events, aggregates and their checks."""
