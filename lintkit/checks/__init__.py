"""The registry's contents: importing this package registers every rule.

The order is explicit and fixed; each family lives in one module.
"""

# Alphabetical (ruff keeps it so); findings are sorted, so the order only
# fixes the sequence in which families run.
from . import contradictions, encoding, readability, redflags, schema, terminology  # noqa: F401
