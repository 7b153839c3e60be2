"""The families of rules, listed once; the registry is built from this list.

Each family is one module that declares a ``FAMILY`` (``lintkit.registry.Family``)
and registers its checks and collectors with it. Adding a family means adding
its module here; nothing else in the engine names a family.
"""

from ..registry import Registry
from . import contradictions, encoding, readability, redflags, schema, terminology

# the order of the finding-code prefixes (SPEC §3); findings are sorted, so the
# order only fixes the sequence in which families run
FAMILIES = (schema, encoding, terminology, redflags, readability, contradictions)

REGISTRY = Registry(module.FAMILY for module in FAMILIES)
