"""claims: dated events, organisations and numeric claims from opinion journalism, as claims/1 JSON."""
__version__ = "0.1.0"

from .api import extract, load  # noqa: E402
from .schema import ClaimsResult  # noqa: E402

__all__ = ["ClaimsResult", "__version__", "extract", "load"]
