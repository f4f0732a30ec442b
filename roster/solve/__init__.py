"""Solving the model: staged (lexicographic) or weighted objective, HiGHS or CBC, honest status.

Staged mode minimises one priority stage at a time and then keeps its value (an upper
bound of value + tolerance) before the next stage, so a lower priority can never buy
itself at the cost of a higher one. Each stage starts from the previous stage's rota.

- ``roster.solve.driver``: the stage driver (``solve_model``);
- ``roster.solve.backend``: what a backend offers the driver, and a stage's result;
- ``roster.solve.highs``: the HiGHS adapter (the default); ``roster.solve.cbc``: CBC;
- ``roster.solve.search``: large-neighbourhood search on the HiGHS model;
- ``roster.solve.timing``: how the time limit is shared between and within stages.
"""

from roster.solve.driver import SOLVERS, SolveOutcome, solve_model

__all__ = ["SOLVERS", "SolveOutcome", "solve_model"]
