"""tsml for Jupyter (Python side)."""

__version__ = "0.1.0"
