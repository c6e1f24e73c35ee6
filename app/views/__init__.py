"""Desktop client views: the only package that imports PySide6."""
