"""Writes type stubs for a built package by importing it (run with the interpreter the
package was built for; the build backend runs it on the wheel's staging directory).

    python3 stubs.py STAGING_DIR [PACKAGE]

For the package (default alexdb) it writes PACKAGE/__init__.pyi, covering every name in
``PACKAGE.__all__``, and one .pyi per extension module (PACKAGE/_core.pyi), covering its
public names. A class gets its public methods, properties and attributes; a callable its
``inspect.signature`` (defaults written as ``...``), or ``(*args: Any, **kwargs: Any)
-> Any`` where the signature cannot be read; each gets the first line of its docstring.
Nothing here names a class or method: new ones are picked up as they appear.
"""

import ast
import builtins
import importlib
import inspect
import os
import re
import sys
import types
import typing
from typing import Any

# Special methods worth stating in a stub; other dunder names are left out.
DUNDERS = {"__init__", "__call__", "__enter__", "__exit__", "__iter__", "__next__",
           "__len__", "__getitem__", "__contains__", "__eq__", "__hash__"}


class Writer:
    def __init__(self, module):
        self.module = module
        self.imports = {"typing": "import typing", "Any": "from typing import Any"}
        self.lines = []

    def annotation(self, value):
        if value is inspect.Parameter.empty:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, type):
            module = value.__module__
            if module == "builtins":
                return value.__qualname__
            if module == self.module.__name__ or module.startswith(self.module.__name__ + "."):
                if getattr(self.module, value.__name__, None) is value:
                    return value.__qualname__
            self.imports[module] = "import " + module
            return module + "." + value.__qualname__
        # typing's generics keep their "typing." prefix (formatannotation drops it, and
        # the stub imports typing, not its names).
        if getattr(value, "__module__", None) == "typing":
            text = repr(value)
        else:
            text = inspect.formatannotation(value)
        for module in ("typing", "collections.abc", "decimal", "datetime"):
            if text.startswith(module + "."):
                self.imports[module] = "import " + module
        return text

    def signature(self, function, method):
        try:
            signature = inspect.signature(function)
        except (TypeError, ValueError):
            returns = "None" if getattr(function, "__name__", "") == "__init__" else "Any"
            return ("(self, *args: Any, **kwargs: Any) -> " if method else
                    "(*args: Any, **kwargs: Any) -> ") + returns
        parts = []
        previous = None
        for parameter in signature.parameters.values():
            kind = parameter.kind
            if kind == parameter.KEYWORD_ONLY and previous not in (
                    parameter.KEYWORD_ONLY, parameter.VAR_POSITIONAL):
                parts.append("*")
            if previous == parameter.POSITIONAL_ONLY and kind != parameter.POSITIONAL_ONLY:
                parts.append("/")
            text = {parameter.VAR_POSITIONAL: "*", parameter.VAR_KEYWORD: "**"}.get(kind, "")
            text += parameter.name
            annotation = self.annotation(parameter.annotation)
            if annotation:
                text += ": " + annotation
            if parameter.default is not parameter.empty:
                text += " = ..." if annotation else "=..."
            parts.append(text)
            previous = kind
        if previous == inspect.Parameter.POSITIONAL_ONLY:
            parts.append("/")
        if method and (not parts or parts[0].split(":")[0] not in ("self", "cls")):
            parts.insert(0, "self")
        returns = self.annotation(signature.return_annotation) or "Any"
        if function.__name__ == "__init__":
            returns = "None"
        return "(%s) -> %s" % (", ".join(parts), returns)

    def doc(self, obj, name, indent):
        """Adds the first sentence of obj's own docstring (not one it inherits)."""
        own = getattr(obj, "__doc__", None)
        inherited = getattr(getattr(object, name, None), "__doc__", None)
        if not isinstance(own, str) or own == inherited:
            return False
        paragraph = []
        for line in inspect.cleandoc(own).splitlines():
            line = line.strip()
            # pybind11 starts a docstring with the call's signature; skip it.
            if line.startswith(name + "(") or line == "Overloaded function.":
                continue
            if not line:
                if paragraph:
                    break
                continue
            paragraph.append(line)
        text = " ".join(paragraph)
        match = re.match(r"(.+?[.!?])(\s|$)", text)
        sentence = match.group(1) if match else text
        if not sentence:
            return False
        self.lines.append(indent + repr(sentence))
        return True

    def function(self, name, function, indent="", method=False, decorator=None):
        if decorator:
            self.lines.append(indent + "@" + decorator)
        self.lines.append("%sdef %s%s:" % (indent, name, self.signature(function, method)))
        if not self.doc(function, name, indent + "    "):
            self.lines[-1] += " ..."

    def cls(self, name, cls):
        bases = [self.annotation(base) for base in cls.__bases__
                 if base is not object and base.__name__ != "pybind11_object"]
        self.lines.append("class %s%s:" % (name, "(%s)" % ", ".join(bases) if bases else ""))
        start = len(self.lines)
        self.doc(cls, name, "    ")
        for member, raw in vars(cls).items():
            if member.startswith("_") and member not in DUNDERS:
                continue
            value = getattr(cls, member, raw)
            if isinstance(raw, staticmethod):
                self.function(member, raw.__func__, "    ", False, "staticmethod")
            elif isinstance(raw, classmethod):
                self.function(member, raw.__func__, "    ", True, "classmethod")
            elif isinstance(raw, property):
                returns = "Any"
                if raw.fget is not None:
                    returns = self.signature(raw.fget, True).rpartition(" -> ")[2]
                self.lines.append("    @property")
                self.lines.append("    def %s(self) -> %s:" % (member, returns))
                if not self.doc(raw, member, "        "):
                    self.lines[-1] += " ..."
            elif inspect.isroutine(value) or inspect.isroutine(raw):
                self.function(member, value, "    ", True)
            elif not member.startswith("_") and not inspect.isclass(value):
                # A slot or attribute: its declared type when the class annotates it.
                declared = typing.get_type_hints(cls).get(member)
                if declared is None:
                    declared = Any if isinstance(raw, types.MemberDescriptorType) else type(value)
                self.lines.append("    %s: %s" % (member, self.annotation(declared)))
        if len(self.lines) == start:
            self.lines.append("    ...")

    def name(self, name, value):
        if inspect.isclass(value):
            self.cls(name, value)
        elif inspect.isroutine(value) or callable(value):
            self.function(name, value)
        elif inspect.ismodule(value):
            self.imports[value.__name__] = "import %s as %s" % (value.__name__, name)
            return
        else:
            self.lines.append("%s: %s" % (name, self.annotation(type(value))))
        self.lines.append("")

    def text(self, header):
        imports = sorted(set(self.imports.values()))
        return "\n".join([header, ""] + imports + ["", ""] + self.lines).rstrip() + "\n"


def public_names(module):
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    return list(names)


def stub(module):
    writer = Writer(module)
    for name in public_names(module):
        writer.name(name, getattr(module, name))
    text = writer.text('"""Type stubs for %s, generated from the built module by '
                       'python/wheel/stubs.py."""' % module.__name__)
    check_names(ast.parse(text))  # a stub that does not parse fails the build
    return text


def check_names(tree):
    """Raises NameError for a bare name in an annotation or a base class of the stub that
    it neither defines nor imports (e.g. "Optional" without "from typing import ...")."""
    known = set(dir(builtins))
    used = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            known.add(node.name)
            used.extend(node.bases)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            known.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.AnnAssign):
            used.append(node.annotation)
        elif isinstance(node, ast.arg) and node.annotation is not None:
            used.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            used.append(node.returns)
    for expression in used:
        for node in ast.walk(expression):
            if isinstance(node, ast.Name) and node.id not in known:
                raise NameError("the stub uses %r without defining or importing it (line %d)"
                                % (node.id, node.lineno))


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    staging, package_name = argv[1], argv[2] if len(argv) == 3 else "alexdb"
    sys.path.insert(0, staging)
    package = importlib.import_module(package_name)
    package_dir = os.path.dirname(package.__file__)
    modules = {"__init__": package}
    for entry in sorted(os.listdir(package_dir)):
        stem = entry.split(".")[0]
        if entry.endswith(".so") and stem not in modules:
            modules[stem] = importlib.import_module(package_name + "." + stem)
    for stem, module in modules.items():
        path = os.path.join(package_dir, stem + ".pyi")
        with open(path, "w") as out:
            out.write(stub(module))
        print("stubs: wrote %s" % path)
    open(os.path.join(package_dir, "py.typed"), "w").close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
