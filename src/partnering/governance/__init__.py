"""Governance of a partnership, in two parts sharing one app (models, migrations, templates
and the `governance` label stay here):

- `decisions/`: proposals decided by the partnership's own rule, positions, comments, the
  decision log, and shared accountability (actions: who owes what, by when);
- `power/`: the power balance, who proposes, decides, carries the actions and the costs.
"""
