"""lintkit: a content-accuracy and consistency linter for health content."""

__version__ = "0.1.0"
