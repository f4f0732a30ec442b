"""What a rota covers: coverage reports, sick-leave re-planning, service-level ladder,
robustness, absence simulation (and, from other modules, staffing and budget)."""
