"""Berichtenverkeer with zorgaanbieders (iWmo and iJw 3.2): toewijzingen sent for decisions,
start and stop of care and the providers' own requests received."""
