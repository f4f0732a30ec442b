"""Rule units: one module per rule, each with its spec, model builder, checker measurement
and messages (``roster.rules.spec.RuleUnit``), listed in one ordered catalogue
(``roster.rules.catalogue``).

A rule is either a *filter* (it says which person may take which shift on which day, so
the model never creates the variable) or a *builder* (it adds constraints and/or costs to
``roster.model.Model``); its ``check`` measures the same rule on any finished rota. The
two halves share data look-ups, never constraint-building code. Shared building blocks:
``roster.rules.blocks`` (model side), ``roster.check.CheckContext`` (checker side).
"""

