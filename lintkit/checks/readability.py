"""readability rules (family module; see docs/DEVELOPING.md)."""
