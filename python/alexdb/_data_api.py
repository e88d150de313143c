"""Values in the shapes of the RDS Data API, which the Aurora package's client returned
and took: parameters as ``{"name", "value": {"stringValue": ...}}``, fields as
``{"stringValue"}``/``{"longValue"}``/``{"booleanValue"}``/``{"isNull": True}``. Decimals and
documents travel as exact text, never as a float."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Sequence, Tuple, Union

__all__ = ["Parameters", "parameters_dict", "distinct", "sort_key", "scalar", "field"]

#: Statement parameters: ``{name: value}`` for ``:name`` placeholders, or the Data API's
#: list of ``{"name": ..., "value": {"stringValue": ...}}``.
Parameters = Union[Mapping[str, Any], Sequence[Mapping[str, Any]], None]


def parameters_dict(parameters: Parameters) -> Dict[str, Any]:
    """`parameters` as {name: value}: a Mapping as given, or the Data API's list."""
    if parameters is None:
        return {}
    if isinstance(parameters, Mapping):
        return dict(parameters)
    named: Dict[str, Any] = {}
    for parameter in parameters:
        value = parameter.get("value", {})
        named[parameter["name"]] = None if value.get("isNull") else next(iter(value.values()), None)
    return named


def distinct(rows: List[dict]) -> List[dict]:
    seen = set()
    out = []
    for row in rows:
        marker = json.dumps([field(v) for v in row.values()])
        if marker not in seen:
            seen.add(marker)
            out.append(row)
    return out


def sort_key(value: Any) -> Tuple[int, str]:
    return (1, "") if value is None else (0, json.dumps(field(value)))


def _json(value: Any) -> str:
    """JSON text of a document from a record; Decimals written as their exact digits."""
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{json.dumps(str(k))}:{_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value)


def scalar(value: Any) -> Any:
    """A record's value as the Aurora client's insert(returning=...) gave it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (Mapping, list, tuple)):
        return _json(value)
    return str(value)


def field(value: Any) -> Dict[str, Any]:
    """A Data API field for a record's value."""
    if value is None:
        return {"isNull": True}
    if isinstance(value, bool):
        return {"booleanValue": value}
    if isinstance(value, int):
        return {"longValue": value}
    if isinstance(value, (Mapping, list, tuple)):
        return {"stringValue": _json(value)}
    if isinstance(value, (datetime, date)):
        return {"stringValue": value.isoformat()}
    return {"stringValue": str(value)}
