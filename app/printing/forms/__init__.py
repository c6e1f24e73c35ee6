"""One module per printed form; each builds the form's flowables from a ``FormData``."""
