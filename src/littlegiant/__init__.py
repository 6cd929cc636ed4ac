"""Little Giant: a platform for a government's support system for innovative SMEs."""

__version__ = "0.1.0"
