"""The Aurora package's schema names: the planner's services import them unchanged
(``from alexdb.schemas import JobCreate, InstrumentCreate``).

Each model is a pydantic model when pydantic (v1 or v2) can be imported and the
environment does not set ``ALEXDB_SCHEMAS_PLAIN=1``; otherwise a plain validating class
with the same fields, defaults and rules (:class:`PlainModel`). Both take keyword
arguments, raise a ``ValueError`` naming the field on bad input, and have
``model_dump()`` (and ``dict()``), so an instance goes straight into the database:
``db.jobs.create(JobCreate(clerk_user_id="u1", job_type="portfolio_analysis"))``.
The ``*Update`` models dump only the fields that were given, so an update changes only
those. Numbers are ``Decimal`` (never a float); unknown keyword arguments are ignored, as
the reference's models did.

``plain_models()`` and ``pydantic_models()`` build either variant on demand.
"""

import inspect
import os
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Dict, List, Literal, Optional, Tuple, Union, get_args, get_origin

RegionType = Literal["north_america", "europe", "asia", "latin_america", "africa",
                     "middle_east", "oceania", "global", "international"]
AssetClassType = Literal["equity", "fixed_income", "real_estate", "commodities", "cash",
                         "alternatives"]
SectorType = Literal["technology", "healthcare", "financials", "consumer_discretionary",
                     "consumer_staples", "industrials", "materials", "energy", "utilities",
                     "real_estate", "communication", "treasury", "corporate", "mortgage",
                     "government_related", "commodities", "diversified", "other"]
InstrumentType = Literal["etf", "mutual_fund", "stock", "bond", "bond_fund", "commodity", "reit"]
JobType = Literal["portfolio_analysis", "rebalance_recommendation", "retirement_projection",
                  "risk_assessment", "tax_optimization", "instrument_research"]
JobStatus = Literal["pending", "running", "completed", "failed"]
PositionAction = Literal["BUY", "SELL", "TRANSFER", "UPDATE", "REMOVE"]
AccountType = Literal["401k", "roth_ira", "traditional_ira", "taxable", "529", "hsa", "pension",
                      "other"]

MODEL_NAMES: Tuple[str, ...] = (
    "UserCreate", "UserUpdate", "InstrumentCreate", "InstrumentUpdate", "AccountCreate",
    "AccountUpdate", "PositionCreate", "PositionUpdate", "JobCreate", "JobUpdate",
    "InstrumentResponse", "PortfolioAnalysis", "RebalanceRecommendation")

# -- the rules, shared by both variants (each takes the field's name and value) ----------

_SYMBOL = re.compile(r"^[A-Za-z0-9.\-^=_]{1,20}$")


def _id(name: str, value: Any) -> Any:
    if value is not None and (not 1 <= len(value) <= 128 or "#" in value
                              or any(c.isspace() or not c.isprintable() for c in value)):
        raise ValueError(f"{name}: 1-128 characters, no '#' and no whitespace, got {value!r}")
    return value


def _symbol(name: str, value: Any) -> Any:
    if value is not None and not _SYMBOL.match(value):
        raise ValueError(f"{name}: 1-20 letters, digits or .-^=_, got {value!r}")
    return value


def _text(limit: int) -> Callable[[str, Any], Any]:
    def check(name: str, value: Any) -> Any:
        if value is not None and not 1 <= len(value) <= limit:
            raise ValueError(f"{name}: 1 to {limit} characters, got {len(value)}")
        return value
    return check


def _between(low: Optional[int], high: Optional[int], places: Optional[int] = None
             ) -> Callable[[str, Any], Any]:
    def check(name: str, value: Any) -> Any:
        if value is None:
            return value
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"{low} to {high}" if high is not None else f">= {low}"
            raise ValueError(f"{name}: {bounds}, got {value}")
        exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
        if places is not None and exponent < -places:
            raise ValueError(f"{name}: at most {places} decimal places, got {value}")
        return value
    return check


def _allocation(name: str, value: Any) -> Any:
    if value is None:
        return value
    if not value:
        raise ValueError(f"{name}: a non-empty allocation")
    for key, share in value.items():
        _between(0, 100)(f"{name}.{key}", share)
    total = sum(Decimal(str(v)) for v in value.values())
    if abs(total - 100) > 3:
        raise ValueError(f"{name}: shares summing to 100 (within 3), got {total}")
    return value


# -- the models: (field, annotation, default, rule) ------------------------------------

class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
_Spec = Tuple[str, Any, Any, Optional[Callable[[str, Any], Any]]]
Payload = Optional[Dict[str, Any]]


def _optional(specs: List[_Spec], skip: Tuple[str, ...] = ()) -> List[_Spec]:
    """The fields of a Create model as an Update model's: all optional, keys left out."""
    return [(n, Optional[a] if get_origin(a) is not Union else a, None, r)
            for n, a, _, r in specs if n not in skip]


_USER: List[_Spec] = [
    ("clerk_user_id", str, REQUIRED, _id),
    ("display_name", Optional[str], None, _text(255)),
    ("years_until_retirement", Optional[int], None, _between(0, 100)),
    ("target_retirement_income", Optional[Decimal], None, _between(0, None)),
    ("asset_class_targets", Optional[Dict[AssetClassType, Decimal]],
     {"equity": Decimal(70), "fixed_income": Decimal(30)}, _allocation),
    ("region_targets", Optional[Dict[RegionType, Decimal]],
     {"north_america": Decimal(50), "international": Decimal(50)}, _allocation),
]
_INSTRUMENT: List[_Spec] = [
    ("symbol", str, REQUIRED, _symbol),
    ("name", str, REQUIRED, _text(255)),
    ("instrument_type", InstrumentType, REQUIRED, None),
    ("current_price", Optional[Decimal], None, _between(0, 999999)),
    ("allocation_regions", Dict[RegionType, Decimal], REQUIRED, _allocation),
    ("allocation_sectors", Dict[SectorType, Decimal], REQUIRED, _allocation),
    ("allocation_asset_class", Dict[AssetClassType, Decimal], REQUIRED, _allocation),
]
_ACCOUNT: List[_Spec] = [
    ("account_name", str, REQUIRED, _text(255)),
    ("account_purpose", Optional[str], None, _text(1000)),
    ("cash_balance", Decimal, Decimal(0), _between(0, None)),
    ("cash_interest", Decimal, Decimal(0), _between(0, 1)),
    # The reference passed the owner separately (create_account); here it may travel along.
    ("clerk_user_id", Optional[str], None, _id),
]
_POSITION: List[_Spec] = [
    ("account_id", str, REQUIRED, _id),
    ("symbol", str, REQUIRED, _symbol),
    ("quantity", Decimal, REQUIRED, _between(0, None, places=8)),
    ("action", Optional[PositionAction], None, None),
    ("timestamp", Optional[Union[datetime, date, str]], None, None),
]
_JOB_UPDATE: List[_Spec] = [
    ("status", JobStatus, REQUIRED, None),
    ("error_message", Optional[str], None, None),
    ("request_payload", Payload, None, None),
    ("report_payload", Payload, None, None),
    ("charts_payload", Payload, None, None),
    ("retirement_payload", Payload, None, None),
    ("summary_payload", Payload, None, None),
    ("started_at", Optional[Union[datetime, str]], None, None),
    ("completed_at", Optional[Union[datetime, str]], None, None),
]

_MODELS: Dict[str, Tuple[str, List[_Spec], bool]] = {
    "UserCreate": ("A new user (db.users.create).", _USER, False),
    "UserUpdate": ("Changes to a user (db.users.update): only the given fields.",
                   _optional(_USER, ("clerk_user_id",)), True),
    "InstrumentCreate": ("A new instrument (db.instruments.create); each allocation "
                         "non-empty and summing to 100 (within 3).", _INSTRUMENT, False),
    "InstrumentUpdate": ("Changes to an instrument (db.instruments.update): only the given "
                         "fields.", _optional(_INSTRUMENT, ("symbol",)), True),
    "AccountCreate": ("A new account (db.accounts.create, with clerk_user_id; or the fields "
                      "of db.accounts.create_account).", _ACCOUNT, False),
    "AccountUpdate": ("Changes to an account (db.accounts.update): only the given fields.",
                      _optional(_ACCOUNT, ("clerk_user_id",)), True),
    "PositionCreate": ("A position (db.positions.create): the quantity held after the "
                       "change.", _POSITION, False),
    "PositionUpdate": ("A change of a position's quantity (db.positions.update).",
                       _optional(_POSITION, ("account_id", "symbol")), True),
    "JobCreate": ("A new job (db.jobs.create); its status starts as pending.",
                  [("clerk_user_id", str, REQUIRED, _id), ("job_type", JobType, REQUIRED, None),
                   ("request_payload", Payload, None, None)], False),
    "JobUpdate": ("Changes to a job (db.jobs.update): the status and the given fields.",
                  _JOB_UPDATE, True),
    "InstrumentResponse": ("An instrument as the database returns it.", _INSTRUMENT + [
        ("created_at", Optional[Union[datetime, str]], None, None),
        ("updated_at", Optional[Union[datetime, str]], None, None)], False),
    "PortfolioAnalysis": ("A portfolio analysis (an agent's structured output).", [
        ("total_value", Decimal, REQUIRED, _between(0, None)),
        ("asset_allocation", Dict[AssetClassType, Decimal], REQUIRED, None),
        ("region_allocation", Dict[RegionType, Decimal], REQUIRED, None),
        ("sector_allocation", Dict[SectorType, Decimal], REQUIRED, None),
        ("risk_score", int, REQUIRED, _between(1, 10)),
        ("recommendations", List[str], REQUIRED, None),
    ], False),
    "RebalanceRecommendation": ("Rebalancing advice (an agent's structured output).", [
        ("current_allocation", Dict[str, Decimal], REQUIRED, None),
        ("target_allocation", Dict[str, Decimal], REQUIRED, None),
        ("trades", List[Dict[str, Any]], REQUIRED, None),
        ("rationale", str, REQUIRED, None),
    ], False),
}


# -- the plain variant -----------------------------------------------------------------

def _coerce(name: str, annotation: Any, value: Any) -> Any:
    """`value` as `annotation` (str, int, Decimal, Literal, Optional, Union, Dict, Any)."""
    origin, args = get_origin(annotation), get_args(annotation)
    if annotation is Any:
        return value
    if origin is Union:
        if value is None and type(None) in args:
            return None
        errors = []
        for option in (a for a in args if a is not type(None)):
            try:
                return _coerce(name, option, value)
            except ValueError as error:
                errors.append(str(error))
        raise ValueError(errors[0] if len(errors) == 1 else f"{name}: got {value!r}")
    if origin is Literal:
        if value not in args:
            raise ValueError(f"{name}: one of {', '.join(map(str, args))}, got {value!r}")
        return value
    if origin in (dict, Dict):
        if not isinstance(value, dict):
            raise ValueError(f"{name}: a dict, got {type(value).__name__}")
        key_type, value_type = args or (Any, Any)
        return {_coerce(f"{name} key", key_type, k): _coerce(f"{name}.{k}", value_type, v)
                for k, v in value.items()}
    if origin in (list, List):
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"{name}: a list, got {type(value).__name__}")
        item_type = args[0] if args else Any
        return [_coerce(f"{name}[{i}]", item_type, v) for i, v in enumerate(value)]
    if annotation is Decimal:
        if isinstance(value, bool) or not isinstance(value, (Decimal, int, float, str)):
            raise ValueError(f"{name}: a number, got {type(value).__name__}")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{name}: a number, got {value!r}") from None
        if not number.is_finite():
            raise ValueError(f"{name}: a finite number, got {value!r}")
        return number
    if annotation is int:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            raise ValueError(f"{name}: a whole number, got {type(value).__name__}")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{name}: a whole number, got {value!r}") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(f"{name}: a whole number, got {value!r}")
        return int(number)
    if annotation is datetime and isinstance(value, datetime):
        return value
    if annotation is date and isinstance(value, date):
        return value
    if isinstance(annotation, type) and isinstance(value, annotation) \
            and annotation not in (datetime, date):
        return value
    raise ValueError(f"{name}: a {getattr(annotation, '__name__', annotation)}, "
                     f"got {type(value).__name__}")


class PlainModel:
    """A validating record without pydantic: keyword construction, defaults, type, enum
    and range checks (``ValueError`` naming the field), ``model_dump()`` and ``dict()``."""

    _specs: Tuple[_Spec, ...] = ()
    _partial: bool = False  # dump only the fields that were given

    def __init__(self, **values: Any) -> None:
        self._given = set()
        for name, annotation, default, rule in self._specs:
            if name in values and not (values[name] is None and default is REQUIRED):
                value = _coerce(name, annotation, values[name])
                self._given.add(name)
            elif default is REQUIRED:
                raise ValueError(f"{name}: required")
            else:
                value = dict(default) if isinstance(default, dict) else default
            object.__setattr__(self, name, rule(name, value) if rule else value)

    def model_dump(self, *, exclude_unset: Optional[bool] = None,
                   exclude_none: bool = False) -> Dict[str, Any]:
        """The fields as a dict (an Update model: only those given, unless told otherwise)."""
        unset = self._partial if exclude_unset is None else exclude_unset
        return {n: getattr(self, n) for n, *_ in self._specs
                if (not unset or n in self._given)
                and not (exclude_none and getattr(self, n) is None)}

    def dict(self, **options: Any) -> Dict[str, Any]:
        """The same as :meth:`model_dump`."""
        return self.model_dump(**options)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.model_dump() == self.model_dump()

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.model_dump().items())
        return f"{type(self).__name__}({fields})"


def _signature(specs: List[_Spec]) -> inspect.Signature:
    return inspect.Signature([
        inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=a,
                          default=inspect.Parameter.empty if d is REQUIRED else d)
        for n, a, d, _ in specs])


def plain_models() -> Dict[str, type]:
    """Every model as a :class:`PlainModel` subclass, by name (no pydantic needed)."""
    models = {}
    for name, (doc, specs, partial) in _MODELS.items():
        models[name] = type(name, (PlainModel,), {
            "__doc__": doc, "__module__": __name__, "_specs": tuple(specs),
            "_partial": partial, "__annotations__": {n: a for n, a, *_ in specs},
            "__signature__": _signature(specs)})
    return models


# -- the pydantic variant --------------------------------------------------------------

def _validator(name: str, rule: Callable[[str, Any], Any]) -> Callable[[Any, Any], Any]:
    """A pydantic validator (cls, value) applying `rule` to field `name`."""
    def check(cls: Any, value: Any) -> Any:
        return rule(name, value)
    check.__name__ = f"check_{name}"
    return check


def pydantic_models() -> Dict[str, type]:
    """Every model as a pydantic model (v1 or v2), by name; ImportError without pydantic."""
    import pydantic

    v2 = int(pydantic.VERSION.split(".")[0]) >= 2

    def dump(self: Any, **options: Any) -> Dict[str, Any]:
        if type(self)._partial:
            options.setdefault("exclude_unset", True)
        return self._alexdb_dump(**options)

    models = {}
    for name, (doc, specs, partial) in _MODELS.items():
        fields = {n: (a, ... if d is REQUIRED else d) for n, a, d, _ in specs}
        validators = {}
        for field_name, _, _, rule in specs:
            if rule is None:
                continue
            check = _validator(field_name, rule)
            decorate = (pydantic.field_validator(field_name) if v2
                        else pydantic.validator(field_name, allow_reuse=True))
            validators[f"check_{field_name}"] = decorate(check)
        model = pydantic.create_model(name, __validators__=validators, **fields)
        model.__doc__ = doc
        model.__module__ = __name__
        model._partial = partial
        model._alexdb_dump = model.model_dump if v2 else model.dict
        model.model_dump = dump
        models[name] = model
    return models


def _chosen() -> Dict[str, type]:
    if os.environ.get("ALEXDB_SCHEMAS_PLAIN", "") not in ("", "0"):
        return plain_models()
    try:
        return pydantic_models()
    except ImportError:
        return plain_models()


_selected = _chosen()
#: "pydantic" or "plain": which variant the names below are.
VARIANT: str = "plain" if issubclass(_selected["UserCreate"], PlainModel) else "pydantic"

UserCreate = _selected["UserCreate"]
UserUpdate = _selected["UserUpdate"]
InstrumentCreate = _selected["InstrumentCreate"]
InstrumentUpdate = _selected["InstrumentUpdate"]
AccountCreate = _selected["AccountCreate"]
AccountUpdate = _selected["AccountUpdate"]
PositionCreate = _selected["PositionCreate"]
PositionUpdate = _selected["PositionUpdate"]
JobCreate = _selected["JobCreate"]
JobUpdate = _selected["JobUpdate"]
InstrumentResponse = _selected["InstrumentResponse"]
PortfolioAnalysis = _selected["PortfolioAnalysis"]
RebalanceRecommendation = _selected["RebalanceRecommendation"]

__all__ = ["RegionType", "AssetClassType", "SectorType", "InstrumentType", "JobType",
           "JobStatus", "PositionAction", "AccountType", "PlainModel", "plain_models",
           "pydantic_models", "VARIANT", *MODEL_NAMES]
