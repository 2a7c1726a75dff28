"""finalacts: ITU conference texts as schema-validated YAML in git."""

__version__ = "0.1.0"
