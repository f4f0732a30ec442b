"""What a rota covers: coverage reports, sick-leave re-planning (with the next period kept
legal, ``boundary``, and extra hours priced, ``overtime``), the service-level ladder and the
bounds that prove a level impossible (``capacity``), open shifts for booking vikarer,
robustness, absence simulation (and, from other modules, staffing and budget)."""
