"""The one error type readers and extractors raise for bad input."""


class InputError(Exception):
    """Bad input: carries the file (or service) and a one-line reason."""

    def __init__(self, where: str, reason: str, exit_code: int = 2) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason
        self.exit_code = exit_code
