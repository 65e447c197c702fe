"""Plain data for the on-disk caches: Python values and baomi's model <-> JSON, nothing executable.

The caches (`.baomi-cache/`, the parsed data files under ~/.cache/baomi) used to be pickles: a
damaged file gave a traceback on every later run, and a crafted one ran code when read (CI
caches the folder between jobs). They are now JSON, which only ever builds data:

- str, int, float, bool, None, list and str-keyed dicts are themselves;
- everything else is a JSON object with the key TAG ("\\u0000", which no plain dict written here
  carries: a dict with such a key is written in the pair form): tuples, sets, frozensets,
  dicts with other keys, dates, datetimes, paths, the members of their enums, and the dataclasses of the modules that
  declared themselves storable with `storable(__name__)` (the policy model, diagnostics,
  front-matter problems, the incremental state) by name, with their field values in
  declaration order. This module is infrastructure: it names none of them itself.

Reading builds only those classes, checks each object's shape (tag known, number of fields,
type of each field as declared) and raises `Invalid` on anything else. `pack`/`unpack` wrap a
value in a header (format, kind, key, SHA-256 of the payload), so a truncated, flipped or
foreign file is recognised as such and never read as something else.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import hashlib
import json
import sys
import types
import typing
from pathlib import Path, PurePath

FORMAT = 1
TAG = "\x00"
MAGIC = b"baomi-cache"
# the modules whose dataclasses may be stored: each says so with `storable(__name__)` when it
# is imported; their classes are read when first needed
MODULES: list[str] = []


class Invalid(ValueError):
    """The bytes are not a value this module wrote (damaged, foreign or crafted)."""


# --- the registry of storable classes ------------------------------------------------------

@dataclasses.dataclass
class _Shape:
    cls: type
    names: tuple            # init fields, in declaration order
    checks: tuple           # per field: the types its value may be
    elems: tuple            # (field index, types its elements must be) for typed lists
    state: bool             # the class defines __getstate__ (Policy: parser scaffolding left out)
    has_dict: bool          # instances have a __dict__: extra attributes are kept


_BY_NAME: dict[str, _Shape] = {}
_BY_CLASS: dict[type, _Shape] = {}
_ENUMS: dict[str, type] = {}          # "model.Style" → the enum class (its members by value)
_ENUM_NAMES: dict[type, str] = {}


def _runtime_types(hint) -> tuple[tuple, tuple | None]:
    """(types the value may be, types its elements must be or None) for a field annotation;
    ((object,), None) where the annotation says nothing checkable."""
    origin = typing.get_origin(hint)
    if hint is typing.Any or hint is object:
        return (object,), None
    if hint is None or hint is type(None):
        return (type(None),), None
    if origin in (typing.Union, types.UnionType):
        outer: list = []
        for arg in typing.get_args(hint):
            o, _ = _runtime_types(arg)
            if object in o:
                return (object,), None
            outer.extend(o)
        return tuple(outer), None
    if origin is not None:
        args = typing.get_args(hint)
        elem = None
        if origin is list and len(args) == 1 and isinstance(args[0], type) and typing.get_origin(args[0]) is None:
            elem = (args[0],) if args[0] is not object else None
        return (origin,), elem
    if isinstance(hint, type):
        if hint is float:
            return (float, int), None
        return (hint,), None
    return (object,), None


def storable(modname: str) -> None:
    """Declare the dataclasses of module `modname` storable (call as `storable(__name__)`)."""
    global _READY
    if modname not in MODULES:
        MODULES.append(modname)
        _READY = False


_DONE: set[str] = set()


def _register_module(modname: str) -> None:
    mod = sys.modules[modname]
    for obj in list(vars(mod).values()):
        if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == modname:
            name = f"{modname.rsplit('.', 1)[-1]}.{obj.__qualname__}"
            _ENUMS[name] = obj
            _ENUM_NAMES[obj] = name
            continue
        if not (isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == modname):
            continue
        hints = typing.get_type_hints(obj, vars(mod))
        fields = [f for f in dataclasses.fields(obj) if f.init]
        kinds = [_runtime_types(hints.get(f.name, object)) for f in fields]
        shape = _Shape(obj, tuple(f.name for f in fields), tuple(k[0] for k in kinds),
                       tuple((i, k[1]) for i, k in enumerate(kinds) if k[1] is not None),
                       # a slots dataclass's own __getstate__ (frozen, slots=True) is a list of
                       # its field values: such a class is stored field by field like the others
                       "__getstate__" in obj.__dict__ and not hasattr(obj, "__slots__"),
                       not hasattr(obj, "__slots__"))
        name = f"{modname.rsplit('.', 1)[-1]}.{obj.__qualname__}"
        _BY_NAME[name] = shape
        _BY_CLASS[obj] = shape


_READY = False


def _registry() -> None:
    global _READY
    if not _READY:
        for m in list(MODULES):
            if m not in _DONE:
                _register_module(m)
                _DONE.add(m)
        _READY = True


def _shape_of(cls: type) -> _Shape | None:
    shape = _BY_CLASS.get(cls)
    if shape is None and not _READY and dataclasses.is_dataclass(cls):
        _registry()
        shape = _BY_CLASS.get(cls)
    return shape


def _name_of(shape: _Shape) -> str:
    return f"{shape.cls.__module__.rsplit('.', 1)[-1]}.{shape.cls.__qualname__}"


# --- encoding ----------------------------------------------------------------------------

_PLAIN = (str, int, float, bool, type(None))


def to_data(value):
    """`value` as JSON-ready data (see the module docstring); TypeError on anything else."""
    t = type(value)
    if t in _PLAIN:
        return value
    if t is list:
        return [to_data(v) for v in value]
    if t is dict:
        if all(type(k) is str and not k.startswith(TAG) for k in value):
            return {k: to_data(v) for k, v in value.items()}
        return {TAG: "map", "v": [[to_data(k), to_data(v)] for k, v in value.items()]}
    if t is tuple:
        return {TAG: "tuple", "v": [to_data(v) for v in value]}
    if t is frozenset or t is set:
        return {TAG: t.__name__, "v": [to_data(v) for v in value]}
    if t is _dt.datetime:
        return {TAG: "datetime", "v": value.isoformat()}
    if t is _dt.date:
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, PurePath):
        return {TAG: "path", "v": str(value)}
    if isinstance(value, enum.Enum):
        if not _READY:
            _registry()
        name = _ENUM_NAMES.get(t)
        if name is None:
            raise TypeError(f"cannot store {t.__module__}.{t.__qualname__}")
        return {TAG: "enum", "n": name, "v": to_data(value.value)}
    shape = _shape_of(t)
    if shape is None:
        raise TypeError(f"cannot store {t.__module__}.{t.__qualname__}")
    if shape.state:
        st = value.__getstate__()
        vals = [to_data(st.get(n)) for n in shape.names]
        extra = {k: v for k, v in st.items() if k not in shape.names}
    else:
        vals = [to_data(getattr(value, n)) for n in shape.names]
        extra = ({k: v for k, v in value.__dict__.items() if k not in shape.names}
                 if shape.has_dict else {})
    out = {TAG: "obj", "n": _name_of(shape), "v": vals}
    if extra:
        out["x"] = to_data(extra)
    return out


# --- decoding ----------------------------------------------------------------------------

def _obj(d: dict):
    if not _READY:
        _registry()
    shape = _BY_NAME.get(d.get("n"))
    vals = d.get("v")
    if shape is None or type(vals) is not list or len(vals) != len(shape.names):
        raise Invalid(f"unknown or malformed object {d.get('n')!r}")
    if not all(map(isinstance, vals, shape.checks)):
        raise Invalid(f"{_name_of(shape)}: a field of another type")
    for i, elem in shape.elems:
        for e in vals[i]:
            if not isinstance(e, elem):
                raise Invalid(f"{_name_of(shape)}.{shape.names[i]}: an element of another type")
    obj = shape.cls(*vals)
    extra = d.get("x")
    if extra is not None:
        if type(extra) is not dict or not shape.has_dict:
            raise Invalid("extra attributes")
        obj.__dict__.update(extra)
    return obj


def _hook(d: dict):
    tag = d.get(TAG)
    if tag is None:
        if TAG in d:
            raise Invalid("null tag")
        return d
    v = d.get("v")
    if tag == "tuple" and type(v) is list:
        return tuple(v)
    if tag == "obj":
        return _obj(d)
    if tag == "map" and type(v) is list and all(type(p) is list and len(p) == 2 for p in v):
        return {k: val for k, val in v}
    if tag in ("frozenset", "set") and type(v) is list:
        return frozenset(v) if tag == "frozenset" else set(v)
    if tag == "date" and type(v) is str:
        return _dt.date.fromisoformat(v)
    if tag == "datetime" and type(v) is str:
        return _dt.datetime.fromisoformat(v)
    if tag == "path" and type(v) is str:
        return Path(v)
    if tag == "enum":
        if not _READY:
            _registry()
        cls = _ENUMS.get(d.get("n"))
        if cls is None or v not in cls._value2member_map_:
            raise Invalid(f"unknown enum value {d.get('n')!r}")
        return cls._value2member_map_[v]
    raise Invalid(f"unknown tag {tag!r}")


def dumps(value) -> bytes:
    """`value` as UTF-8 JSON bytes (lone surrogates kept); TypeError if it holds other types."""
    text = json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def loads(raw: bytes):
    """The value `dumps` wrote; `Invalid` for anything else (never code, never a traceback)."""
    try:
        text = raw.decode("utf-8", "surrogatepass")
        return json.loads(text, object_hook=_hook)
    except Invalid:
        raise
    except (ValueError, TypeError, KeyError, RecursionError, AttributeError) as exc:
        raise Invalid(str(exc)) from exc


# --- files with a header -----------------------------------------------------------------

def pack(kind: str, key: str, value) -> bytes:
    """A cache file: one header line (format, kind, key, payload digest), then the payload."""
    payload = dumps(value)
    head = json.dumps({"format": FORMAT, "kind": kind, "key": key,
                       "sha256": hashlib.sha256(payload).hexdigest()}, separators=(",", ":"))
    return MAGIC + b" " + head.encode("ascii") + b"\n" + payload


def unpack(raw: bytes, kind: str, key: str):
    """The value of a file `pack(kind, key, …)` wrote; `Invalid` if it is anything else."""
    if not raw.startswith(MAGIC + b" "):
        raise Invalid("not a baomi cache file")
    nl = raw.find(b"\n")
    if nl < 0:
        raise Invalid("no header")
    try:
        head = json.loads(raw[len(MAGIC) + 1:nl].decode("ascii"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid(f"header: {exc}") from exc
    payload = raw[nl + 1:]
    if (type(head) is not dict or head.get("format") != FORMAT or head.get("kind") != kind
            or head.get("key") != key or head.get("sha256") != hashlib.sha256(payload).hexdigest()):
        raise Invalid("header does not match (other format, kind or key, or damaged payload)")
    return loads(payload)
