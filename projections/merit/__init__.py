"""Merit audit: rules, eligibility, promotion audit and fairness statistics."""
