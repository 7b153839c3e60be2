"""Pickling lintkit's records, and reading pickles that lintkit did not just make.

Two things share this module because they must agree on one name:

* :func:`dumps` writes slotted dataclass records (findings, spans, most
  collector summaries) as ``cls(*fields)`` calls, with the strings that repeat
  across thousands of findings interned on load (:func:`_interned`);
* :func:`safe_loads` is the restricted unpickler for bytes read from disk (the
  result cache, the precomputed data in the wheel): it builds only lintkit
  classes, plain data and ``_interned``, so a cache folder that came with a
  checkout cannot run code.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import io
import pickle
import sys
from typing import Any

PROTOCOL = 5


def _fields_reducer(cls: type) -> Any:
    """``cls(*fields)`` for a slotted dataclass whose fields are all ``__init__``
    arguments: about 1.5× faster to load than the dataclass ``__setstate__``
    path (which calls ``dataclasses.fields`` per object) and smaller. Findings,
    spans and most collector summaries are such records."""
    if not (dataclasses.is_dataclass(cls) and "__slots__" in vars(cls)):
        return None
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        return None
    names = tuple(f.name for f in fields)
    if _INTERNED & set(names):

        def reduce(obj: Any) -> tuple[Any, ...]:
            return _interned, (cls, *(getattr(obj, n) for n in names))

    else:

        def reduce(obj: Any) -> tuple[Any, ...]:
            return cls, tuple(getattr(obj, n) for n in names)

    return reduce


# Strings that repeat across thousands of findings (rule codes and names,
# messages: 28,600 findings of 2,000 articles had 2,300 distinct messages).
# Unpickling gives every file its own copies; sharing one copy makes a
# 20,000-file run's results about a quarter smaller.
_INTERNED = frozenset({"code", "name", "family", "message"})
_POSITIONS: dict[type, tuple[int, ...]] = {}


def _interned(cls: type, *values: Any) -> Any:
    pos = _POSITIONS.get(cls)
    if pos is None:
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        pos = _POSITIONS[cls] = tuple(i for i, f in enumerate(fields) if f.name in _INTERNED)
    vals = list(values)
    for i in pos:
        if type(vals[i]) is str:
            vals[i] = sys.intern(vals[i])
    return cls(*vals)


_REDUCERS: dict[type, Any] = {}


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        # not called for str, int, list, dict … so only records pay for it
        cls = type(obj)
        try:
            r = _REDUCERS[cls]
        except KeyError:
            r = _REDUCERS[cls] = _fields_reducer(cls)
        return NotImplemented if r is None else r(obj)


def dumps(obj: Any) -> bytes:
    """``obj`` pickled with records written as constructor calls (see the module doc)."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=PROTOCOL).dump(obj)
    return buf.getvalue()


_SAFE_BUILTINS = frozenset(
    {"set", "frozenset", "tuple", "list", "dict", "str", "bytes", "bytearray", "int", "float", "complex", "bool"}
)
_SAFE_DATETIME = frozenset({"date", "datetime", "time", "timedelta", "timezone"})


_ALLOWED: dict[tuple[str, str], Any] = {}


class _Unpickler(pickle.Unpickler):
    """Builds only lintkit classes and plain data: a cache folder that came
    with a checkout must not be able to run code."""

    def find_class(self, module: str, name: str) -> Any:
        # every entry names the same few classes: check each pair once
        key = (module, name)
        found = _ALLOWED.get(key)
        if found is None:
            found = _ALLOWED[key] = self._allowed(module, name)
        return found

    def _allowed(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _SAFE_BUILTINS:
            return getattr(builtins, name)
        if module == "datetime" and name in _SAFE_DATETIME:
            return getattr(dt, name)
        if module == __name__ and name == "_interned":
            return _interned  # builds only the (allowed) class it is given
        if module == "lintkit" or module.startswith("lintkit."):
            obj = super().find_class(module, name)
            if isinstance(obj, type):
                return obj
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def safe_loads(data: bytes) -> Any:
    """Unpickle only lintkit classes and plain data (else UnpicklingError)."""
    return _Unpickler(io.BytesIO(data)).load()
