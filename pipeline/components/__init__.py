"""Our spaCy components; importing this package registers their factories.

Each module is one layer: `match()` finds candidates on a Doc, and
`set_annotations()` writes them to a `doc._` extension (see `extensions.py`).
"""
from . import boilerplate, entities, events, organisations, quantities, timexes  # noqa: F401  (registers the factories)
