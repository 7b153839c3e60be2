from . import _interrupt  # noqa: F401  (first: Ctrl-C while the rest loads)
from .cli import entry

entry()
