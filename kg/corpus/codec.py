"""Records to JSON and back, driven by the records' type hints (dataclasses, NamedTuples, enums, dates).

The corpus keeps each source's extraction records as JSON, never as pickles: a corpus directory can come from
anyone, and reading it must run no code. Only what a field's type declares is accepted on the way back. A
decoder is built once per type (`decoder`), so reading a large corpus does not re-inspect type hints per value.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
Decoder = Callable[[JsonValue], object]


class CodecError(ValueError):
    """Stored data does not fit the record type it is read as."""


def encode(value: object) -> JsonValue:
    """A JSON-ready form of a record: dataclasses as objects of their init fields, tuples as lists."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return encode(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    raise CodecError(f"cannot store a {type(value).__name__}")


def decode(kind: object, data: JsonValue) -> object:
    """The value of type `kind` that `encode` turned into `data`; CodecError when it does not fit."""
    return decoder(kind)(data)


@cache
def decoder(kind: object) -> Decoder:
    """A function that decodes data of type `kind`, built once per type from its hints."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind is typing.Any:
        raise CodecError("an untyped field cannot be read back")
    if origin in (typing.Union, types.UnionType):
        return _union([decoder(a) for a in args if a is not type(None)], type(None) in args)
    if origin is typing.Literal:
        return _literal(args)
    if origin is list:
        return _sequence(decoder(args[0]), list)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence(decoder(args[0]), tuple)
    if origin is tuple:
        return _fixed([decoder(a) for a in args], tuple)
    if origin is dict:
        return _mapping(decoder(args[1]))
    if isinstance(kind, type):
        return _class_decoder(kind)
    raise CodecError(f"unsupported type {kind!r}")


def _union(options: list[Decoder], optional: bool) -> Decoder:
    def read(data: JsonValue) -> object:
        if data is None and optional:
            return None
        errors = []
        for option in options:
            try:
                return option(data)
            except CodecError as err:
                errors.append(str(err))
        raise CodecError("; ".join(errors) or "null where a value is required")

    return read


def _literal(allowed: tuple[object, ...]) -> Decoder:
    def read(data: JsonValue) -> object:
        if data not in allowed:
            raise CodecError(f"{data!r} is not one of {allowed}")
        return data

    return read


def _sequence(item: Decoder, make: Callable[[list[object]], object]) -> Decoder:
    def read(data: JsonValue) -> object:
        if not isinstance(data, list):
            raise CodecError(f"expected a list, got {type(data).__name__}")
        return make([item(x) for x in data])

    return read


def _fixed(items: list[Decoder], make: Callable[[list[object]], object]) -> Decoder:
    def read(data: JsonValue) -> object:
        if not isinstance(data, list) or len(data) != len(items):
            raise CodecError(f"expected {len(items)} items")
        return make([item(x) for item, x in zip(items, data, strict=True)])

    return read


def _mapping(item: Decoder) -> Decoder:
    def read(data: JsonValue) -> object:
        if not isinstance(data, dict):
            raise CodecError(f"expected an object, got {type(data).__name__}")
        return {key: item(value) for key, value in data.items()}

    return read


def _class_decoder(kind: type) -> Decoder:
    if issubclass(kind, enum.Enum):
        return _enum(kind)
    if kind is date:
        return _date
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if issubclass(kind, tuple) and hasattr(kind, "_fields"):
        hints = typing.get_type_hints(kind)
        named: Callable[..., object] = kind
        return _fixed([decoder(hints[name]) for name in kind._fields], lambda values: named(*values))
    if kind is float:
        return _float
    if kind in (bool, int, str):
        return _exact(kind)
    raise CodecError(f"unsupported type {kind.__name__}")


def _enum(kind: type[enum.Enum]) -> Decoder:
    def read(data: JsonValue) -> object:
        try:
            return kind(data)
        except ValueError:
            raise CodecError(f"{data!r} is not a {kind.__name__}") from None

    return read


def _date(data: JsonValue) -> object:
    if not isinstance(data, str):
        raise CodecError("expected an ISO date")
    try:
        return date.fromisoformat(data)
    except ValueError:
        raise CodecError(f"{data!r} is not an ISO date") from None


def _dataclass(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = {f.name: decoder(hints[f.name]) for f in dataclasses.fields(kind) if f.init}

    def read(data: JsonValue) -> object:
        if not isinstance(data, dict):
            raise CodecError(f"expected an object for {kind.__name__}")
        try:
            return kind(**{name: fields[name](value) for name, value in data.items()})
        except KeyError as err:
            raise CodecError(f"{kind.__name__} has no field {err.args[0]!r}") from None
        except TypeError as err:
            raise CodecError(f"{kind.__name__}: {err}") from None

    return read


def _float(data: JsonValue) -> object:
    if isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    raise CodecError(f"expected float, got {type(data).__name__}")


def _exact(kind: type) -> Decoder:
    def read(data: JsonValue) -> object:
        if type(data) is not kind:
            raise CodecError(f"expected {kind.__name__}, got {type(data).__name__}")
        return data

    return read
