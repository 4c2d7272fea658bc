"""One error type for everything a user can get wrong: it prints as one line naming the file."""

from __future__ import annotations


class ReplylintError(Exception):
    """A usage, input, rule or config error; the CLI prints it as one line and exits 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{self.message}"
