"""The registry's contents: importing this package registers every rule.

The order is explicit and fixed; each family lives in one module.
"""

from . import schema  # noqa: F401
from . import encoding  # noqa: F401
from . import terminology  # noqa: F401
from . import redflags  # noqa: F401
from . import readability  # noqa: F401
from . import contradictions  # noqa: F401
