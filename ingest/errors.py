"""The one error type readers and extractors raise for bad input."""


class InputError(Exception):
    """Bad input: carries the file (or service) and a one-line reason."""

    def __init__(self, where: str, reason: str, exit_code: int = 2) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its attributes (a worker process sends it back to the parent), whatever arguments
        a subclass's constructor takes."""
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[InputError], args: tuple[object, ...], state: dict[str, object]) -> InputError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error
