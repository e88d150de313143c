"""The package's public classes over the C++ core (alexdb._core).

Each public class names its core class (``class Users(CoreWrapper, core=_core.Users)``)
and gets a Python method for every public method of it that the class does not define
itself. The method calls the core object's method of the same name and carries the
signature pybind11 wrote at the head of its docstring, so ``inspect.signature``,
``help()`` and the generated ``.pyi`` stubs show the real parameters and defaults.
"""

import ast
import decimal
import inspect
import typing

__all__ = ["CoreWrapper", "core_signature"]


_TYPES = {name: getattr(typing, name) for name in ("Any", "Dict", "List", "Optional", "Tuple")}
_TYPES.update({t.__name__: t for t in (object, str, int, float, bool, bytes, dict, list)})
_TYPES["Decimal"] = decimal.Decimal  # in defaults such as Decimal('0')


def _evaluate(node):
    """The value of an annotation or a default as pybind11 wrote it: literals, builtin
    and typing types, Decimal(...); raises for anything else."""
    return eval(compile(ast.Expression(node), "<signature>", "eval"),  # noqa: S307
                {"__builtins__": {}}, _TYPES)


def _annotation(node):
    """A parsed annotation: the type it names (builtins and typing's generics), else its
    text."""
    if node is None:
        return inspect.Parameter.empty
    try:
        return _evaluate(node)
    except Exception:  # a type of the core's (alexdb._core.X): shown as written
        return ast.unparse(node)


def core_signature(function):
    """The signature pybind11 put on the first line of ``function.__doc__``, or None
    when there is none or it does not parse (an overloaded function, say)."""
    lines = (getattr(function, "__doc__", None) or "").lstrip().splitlines()
    if not lines:
        return None
    try:
        tree = ast.parse("def " + lines[0] + ": pass")
        definition = tree.body[0]
        arguments = definition.args
        parameters = []
        positional = arguments.posonlyargs + arguments.args
        defaults = [None] * (len(positional) - len(arguments.defaults)) + arguments.defaults
        for arg, default in zip(positional, defaults):
            parameters.append(inspect.Parameter(
                arg.arg, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=inspect.Parameter.empty if default is None else _evaluate(default),
                annotation=_annotation(arg.annotation)))
        for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
            parameters.append(inspect.Parameter(
                arg.arg, inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if default is None else _evaluate(default),
                annotation=_annotation(arg.annotation)))
        if parameters and parameters[0].name == "self":
            parameters[0] = parameters[0].replace(annotation=inspect.Parameter.empty)
        return inspect.Signature(parameters, return_annotation=_annotation(definition.returns))
    except Exception:  # not a signature pybind11 wrote, or a default it cannot show
        return None


def _forwarder(owner, name, core_function):
    def method(self, *args, **kwargs):
        return getattr(self._core, name)(*args, **kwargs)

    method.__name__ = name
    method.__qualname__ = owner.__qualname__ + "." + name
    method.__module__ = owner.__module__
    text = (getattr(core_function, "__doc__", None) or "").lstrip()
    signature = core_signature(core_function)
    if signature is not None:
        method.__signature__ = signature
        text = text.partition("\n")[2].strip()  # the docstring after the signature line
    method.__doc__ = text
    return method


def _property(name, core_property):
    return property(lambda self: getattr(self._core, name), doc=core_property.__doc__)


class CoreWrapper:
    """Base of the public classes: ``self._core`` is the core object every method not
    defined in Python forwards to."""

    __slots__ = ()

    def __init_subclass__(cls, core=None, skip=(), **kwargs):
        super().__init_subclass__(**kwargs)
        if core is None:
            return
        for name, member in vars(core).items():
            if name.startswith("_") or name in cls.__dict__ or name in skip:
                continue
            if isinstance(member, property):
                setattr(cls, name, _property(name, member))
            elif callable(member):
                setattr(cls, name, _forwarder(cls, name, member))
