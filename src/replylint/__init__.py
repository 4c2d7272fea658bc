"""replylint: a linter for customer-service replies."""

__version__ = "0.1.0"

from .api import LintResult, Linter, lint  # noqa: E402
from .finding import Finding  # noqa: E402

__all__ = ["Finding", "LintResult", "Linter", "lint", "__version__"]
