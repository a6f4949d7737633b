"""KL0xx: standalone ``keras`` imports and paths, moved to ``tensorflow.keras``."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.imports import dotted_name, to_keras
from keraslint.keras224.modules import REMOVABLE_CALLS
from keraslint.keras224.recurrent import CUDNN_SETTINGS
from keraslint.keras224.inlined import definition
from keraslint.moves import Inlined, Moved, NoHome, resolve
from keraslint.rule import Definition, Rule

_SPACE_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


@dataclass
class _ImportPlan:
    """What one import statement becomes, and which of its names have no home."""

    statements: list[cst.BaseSmallStatement] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # new modules, for the message
    no_home: list[tuple[cst.CSTNode, str, str]] = field(default_factory=list)
    #: (local name, code) of the 2.2.4 helpers written into the module instead of imported.
    definitions: list[tuple[str, str]] = field(default_factory=list)


def _attr(dotted: str) -> cst.Attribute | cst.Name:
    return cst.parse_expression(dotted)  # type: ignore[return-value]


def _import_from(module: str, aliases: list[cst.ImportAlias]) -> cst.ImportFrom:
    return cst.ImportFrom(module=_attr(module), names=_commas(aliases))


def _alias(name: str, local: str | None) -> cst.ImportAlias:
    asname = None if local in (None, name) else cst.AsName(name=cst.Name(local))
    return cst.ImportAlias(name=cst.Name(name), asname=asname)


def _local(alias: cst.ImportAlias) -> str | None:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return None


def _outside_import(origin: str, local: str) -> cst.BaseSmallStatement:
    """``import numpy as np`` / ``from collections import namedtuple``: a name a Keras module
    had re-imported, imported from where it came from."""
    module, _, name = origin.rpartition(".")
    if not module:
        return cst.Import(names=[_alias(origin, local) if local != origin else cst.ImportAlias(cst.Name(origin))])
    return _import_from(module, [_alias(name, local)])


def plan_import(node: cst.Import, target: str) -> _ImportPlan | None:
    """``import keras.x as y`` -> ``from tensorflow.keras import x as y``; None if no keras."""
    plan = _ImportPlan()
    kept: list[cst.ImportAlias] = []
    for alias in node.names:
        full = dotted_name(alias.name) or ""
        if full.split(".")[0] != "keras":
            kept.append(alias)
            continue
        where = resolve(full, target)
        local = _local(alias)
        if isinstance(where, Inlined) and local is not None:
            plan.definitions.append((local, definition(full, local)))
            plan.moved.append(f"a definition of `{local}`")
            continue
        if not isinstance(where, Moved) or (local is None and not where.new.startswith("tensorflow.")):
            guidance = where.guidance if isinstance(where, NoHome) else "import it by hand"
            plan.no_home.append((alias, full, guidance))
            kept.append(alias)
            continue
        if kept:
            plan.statements.append(cst.Import(names=_commas(kept)))
            kept = []
        if local is None:  # `import keras.callbacks` binds `keras`: bind it to tf.keras
            module, name = "tensorflow", "keras"
            plan.statements.append(_import_from(module, [_alias(name, local)]))
        elif not where.new.startswith("tensorflow.keras"):
            module, name = where.new, local
            plan.statements.append(_outside_import(where.new, local))
        else:
            module, _, name = where.new.rpartition(".")
            plan.statements.append(_import_from(module, [_alias(name, local)]))
        plan.moved.append(f"{module}.{name}" if local is None else module)
    if not plan.moved and not plan.no_home:
        return None
    if kept:
        plan.statements.append(cst.Import(names=_commas(kept)))
    return plan


def plan_import_from(node: cst.ImportFrom, target: str) -> _ImportPlan | None:
    """``from keras.x import a`` -> ``from tensorflow.keras.x import a``; None if no keras."""
    module = None if node.module is None else dotted_name(node.module)
    if node.relative or module is None or module.split(".")[0] != "keras":
        return None
    plan = _ImportPlan()
    if isinstance(node.names, cst.ImportStar):
        where = resolve(module, target)
        if isinstance(where, Moved) and where.new.startswith("tensorflow.keras"):
            plan.statements.append(node.with_changes(module=_attr(where.new)))
            plan.moved.append(where.new)
        else:
            guidance = where.guidance if isinstance(where, NoHome) else "import what you use by hand"
            plan.no_home.append((node, module, guidance))
        return plan
    groups: dict[str, list[cst.ImportAlias]] = {}
    outside: list[cst.BaseSmallStatement] = []
    for alias in node.names:
        name = dotted_name(alias.name) or ""
        local = _local(alias) or name
        where = resolve(f"{module}.{name}", target)
        if isinstance(where, Inlined):
            plan.definitions.append((local, definition(f"{module}.{name}", local)))
        elif isinstance(where, Moved) and not where.new.startswith("tensorflow.keras"):
            outside.append(_outside_import(where.new, local))
            plan.moved.append(where.new.rpartition(".")[0] or where.new)
        elif isinstance(where, Moved):
            new_module, _, new_name = where.new.rpartition(".")
            new = _alias(new_name, local)
            groups.setdefault(new_module, []).append(
                alias.with_changes(name=new.name, asname=new.asname)
            )
        else:
            guidance = where.guidance if isinstance(where, NoHome) else "unknown"
            plan.no_home.append((alias, f"{module}.{name}", guidance))
            groups.setdefault(module, []).append(alias)
    plan.moved += [m for m in groups if m != module]
    plan.moved += [f"a definition of `{local}`" for local, _ in plan.definitions]
    if not plan.moved:
        return plan
    if len(groups) == 1 and not outside:  # one new home: keep the statement, its parens and comments
        (new_module, aliases), = groups.items()
        plan.statements.append(node.with_changes(module=_attr(new_module), names=aliases))
    else:
        plan.statements.extend(_split_part(node, m, aliases) for m, aliases in groups.items())
        plan.statements.extend(outside)
    return plan


def _split_part(node: cst.ImportFrom, module: str, aliases: list[cst.ImportAlias]) -> cst.ImportFrom:
    """One of the statements a mixed ``from keras... import`` splits into.

    A parenthesized import keeps its parentheses and each name's comma and comment; the last
    name of each part ends the way the original's last name did (trailing comma or not).
    """
    if node.lpar is None:
        return _import_from(module, aliases)
    own, closing = aliases[-1].comma, node.names[-1].comma
    if (isinstance(own, cst.Comma) and isinstance(closing, cst.Comma)
            and isinstance(own.whitespace_after, cst.ParenthesizedWhitespace)
            and isinstance(closing.whitespace_after, cst.ParenthesizedWhitespace)):
        # Keep this name's comment, but end the line the way the original's last one did.
        closing = own.with_changes(whitespace_after=own.whitespace_after.with_changes(
            indent=closing.whitespace_after.indent, last_line=closing.whitespace_after.last_line
        ))
    last = aliases[-1].with_changes(comma=closing)
    return cst.ImportFrom(
        module=_attr(module), names=[*aliases[:-1], last], lpar=node.lpar, rpar=node.rpar
    )


def _commas(aliases: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    return [a.with_changes(comma=_SPACE_COMMA) for a in aliases[:-1]] + [
        aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    ]


def _plans(line: cst.SimpleStatementLine | cst.SimpleStatementSuite, target: str):
    for statement in line.body:
        if isinstance(statement, cst.Import):
            plan = plan_import(statement, target)
        elif isinstance(statement, cst.ImportFrom):
            plan = plan_import_from(statement, target)
        else:
            continue
        if plan is not None:
            yield statement, plan


def _replace_line(line: cst.SimpleStatementLine, statements: list[cst.BaseSmallStatement]):
    """Split one import line into several. A ``# noqa`` comment goes on every new line
    (it was meant for each import); any other comment stays on the first."""
    comment = line.trailing_whitespace.comment
    repeat = comment is not None and "noqa" in comment.value.lower()

    def transform(_updated: cst.CSTNode) -> cst.FlattenSentinel:
        return cst.FlattenSentinel([
            cst.SimpleStatementLine(
                body=[statement],
                leading_lines=line.leading_lines if i == 0 else (),
                trailing_whitespace=(
                    line.trailing_whitespace if i == 0 or repeat else cst.TrailingWhitespace()
                ),
            )
            for i, statement in enumerate(statements)
        ])
    return transform


def _replace_statement(original: cst.BaseSmallStatement, statements: list[cst.BaseSmallStatement]):
    def transform(_updated: cst.CSTNode):
        semicolon = cst.Semicolon(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(" ")
        )
        new = [s.with_changes(semicolon=semicolon) for s in statements[:-1]]
        new.append(statements[-1].with_changes(semicolon=original.semicolon))
        return new[0] if len(new) == 1 else cst.FlattenSentinel(new)
    return transform


class StandaloneKerasImport(Rule):
    """
    ## What it does
    Finds imports of the standalone `keras` package (`import keras`,
    `from keras.layers.convolutional import Conv2D`, ...) and rewrites each to its
    `tensorflow.keras` home.

    ## Why is this bad?
    Standalone Keras 2.2.4 is not maintained and does not run on current TensorFlow.
    `pip install keras` today gives Keras 3, which is a different library under the same
    name. Many 2.2.4 module paths (`keras.layers.convolutional`, `keras.utils.np_utils`,
    `keras.engine.topology`) do not exist in `tensorflow.keras` at all: every layer is
    exported flat from `tensorflow.keras.layers`.

    ## Example
    ```python
    import keras
    import keras.backend as K
    from keras.layers.convolutional import Conv2D
    from keras.engine.topology import Layer
    ```

    ## Use instead
    ```python
    from tensorflow import keras
    from tensorflow.keras import backend as K
    from tensorflow.keras.layers import Conv2D
    from tensorflow.keras.layers import Layer
    ```

    ## Fix safety
    Safe. The rewritten import binds the same local names as before (`import keras.callbacks`
    becomes `from tensorflow import keras`, `from keras.utils import np_utils` becomes
    `from tensorflow.keras import utils as np_utils`). Names that have no
    `tensorflow.keras` home are left in place and reported by KL002; when one statement
    mixes both, it is split, keeping comments.

    Star imports stay star imports of the new module. Keras 2.2.4 had no `__all__`, so
    `from keras.layers import *` also bound helper names (`K`, `np`) that the tf.keras
    module does not export, and the tf.keras module exports names 2.2.4 did not have:
    prefer explicit imports.
    """

    code = "KL001"
    name = "standalone-keras-import"
    summary = "Standalone `keras` import; import from `tensorflow.keras`"
    fix_title = "Import from `tensorflow.keras`"
    valid = (
        "from tensorflow import keras\n",
        "from tensorflow.keras.layers import Dense\n",
        "import numpy as np\n",
        "from .keras import thing\n",
        "from keras.wrappers.scikit_learn import KerasClassifier\n",
    )
    invalid = (
        ("import keras\n", "from tensorflow import keras\n"),
        ("import keras as k\n", "from tensorflow import keras as k\n"),
        ("import keras.backend as K\n", "from tensorflow.keras import backend as K\n"),
        ("import keras.callbacks\n", "from tensorflow import keras\n"),
        ("from keras.models import Sequential\n",
         "from tensorflow.keras.models import Sequential\n"),
        ("from keras.layers.convolutional import Conv2D, MaxPooling2D as MP\n",
         "from tensorflow.keras.layers import Conv2D, MaxPooling2D as MP\n"),
        ("from keras.layers.core import *\n", "from tensorflow.keras.layers import *\n"),
        ("from keras.utils.np_utils import to_categorical\n",
         "from tensorflow.keras.utils import to_categorical\n"),
        ("from keras.utils import np_utils\n",
         "from tensorflow.keras import utils as np_utils\n"),
        ("from keras.layers import recurrent\n",
         "from tensorflow.keras import layers as recurrent\n"),
        ("from keras.engine.topology import Layer\n",
         "from tensorflow.keras.layers import Layer\n"),
        ("from keras.engine import Layer, Model\n",
         "from tensorflow.keras.layers import Layer\nfrom tensorflow.keras.models import Model\n"),
        ("from keras.utils import to_categorical, multi_gpu_model  # hi\n",
         "from tensorflow.keras.utils import to_categorical  # hi\n"
         "from keras.utils import multi_gpu_model\n"),
        ("import os, keras\n", "import os\nfrom tensorflow import keras\n"),
        ("from keras.layers import (\n    Dense,  # dense\n    Conv2D,\n)\n",
         "from tensorflow.keras.layers import (\n    Dense,  # dense\n    Conv2D,\n)\n"),
    )

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self.visit_SimpleStatementLine(node)  # `try: import keras`: same, on one line

    def visit_SimpleStatementLine(self, node) -> None:
        for statement, plan in _plans(node, self.context.settings.target):
            if not plan.moved:
                continue
            splits_line = isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1
            if not plan.statements:  # every name it imported is written out instead
                if len(node.body) != 1 or not isinstance(node, cst.SimpleStatementLine):
                    continue  # removing it would leave `try:` or `a = 1;` without it: left alone
                transform, target = (lambda _updated: cst.RemovalSentinel.REMOVE), node
            elif splits_line and len(plan.statements) > 1:
                transform, target = _replace_line(node, plan.statements), node
            else:
                transform, target = _replace_statement(statement, plan.statements), statement
            homes = ", ".join(f"`{m}`" for m in dict.fromkeys(plan.moved))
            self.report(
                statement,
                f"Standalone `keras` import; use {homes}",
                transform=transform,
                target=target,
                definitions=tuple(Definition(local, code) for local, code in plan.definitions),
            )


@dataclass(frozen=True)
class _PathMove:
    old: str  # the Keras name the path means, e.g. "keras.optimizers.rmsprop"
    new: str  # its tf.keras name, or the guidance when it has none
    new_text: str | None  # the path rewritten for the head's binding; None: no home
    renamed: bool = False  # the last name changes, not only the module path
    standalone: bool = False  # the head is bound by a standalone `keras` import


def _attribute_move(table, node: cst.Attribute, target: str) -> _PathMove | None:
    """What a dotted path through a Keras import becomes in tf.keras, if it changes.

    The head keeps its local name; for a standalone-keras head the path is written for the
    binding KL001 gives it (``import keras`` becomes ``from tensorflow import keras``).
    """
    qualified = table.qualify(node)
    keras_name = None if qualified is None else to_keras(qualified)
    if keras_name is None or keras_name == "keras":
        return None
    standalone = qualified.startswith("keras.")
    where = resolve(keras_name, target)
    if isinstance(where, Inlined):
        return None  # the import became a definition of the same name: the path stays
    if isinstance(where, NoHome):
        return _PathMove(keras_name, where.guidance, None, standalone=standalone)
    dotted = dotted_name(node)
    head = dotted.split(".")[0]
    base = table.bindings.get(head, "")
    if standalone:
        base_where = resolve(base, target)
        base = base_where.new if isinstance(base_where, Moved) else ""
    if not isinstance(where, Moved) or not base or not where.new.startswith(base + "."):
        return None
    new_text = head + where.new[len(base):]
    if new_text == dotted:
        return None
    renamed = keras_name.rsplit(".", 1)[1] != where.new.rsplit(".", 1)[1]
    return _PathMove(keras_name, where.new, new_text, renamed, standalone)


class _PathRule(Rule):
    """Shared by KL002/KL003: walk dotted paths in code, outside import statements."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._import_depth = 0
        self._inner: set[int] = set()

    def visit_Import(self, node: cst.Import) -> None:
        self._import_depth += 1

    def leave_Import(self, node: cst.Import) -> None:
        self._import_depth -= 1

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._import_depth += 1

    def leave_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._import_depth -= 1

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self._import_depth or id(node) in self._inner:
            return
        inner = node.value
        while isinstance(inner, cst.Attribute):
            self._inner.add(id(inner))
            inner = inner.value
        move = _attribute_move(self.context.table, node, self.context.settings.target)
        if move is not None:
            self.check_path(node, move)

    def check_path(self, node: cst.Attribute, move: _PathMove) -> None:
        raise NotImplementedError


class MovedKerasPath(_PathRule):
    """
    ## What it does
    Finds dotted paths in code that go through a Keras 2.2.4 submodule which
    `tensorflow.keras` does not have, such as `keras.layers.convolutional.Conv2D` or
    `keras.utils.np_utils.to_categorical`, and shortens them to the tf.keras path.

    ## Why is this bad?
    Once `keras` means `tensorflow.keras`, `keras.layers.convolutional` is an
    `AttributeError`: tf.keras exports every layer flat from `keras.layers`, and the
    `utils` helpers flat from `keras.utils`.

    ## Example
    ```python
    import keras
    conv = keras.layers.convolutional.Conv2D(32, (3, 3))
    ```

    ## Use instead
    ```python
    from tensorflow import keras
    conv = keras.layers.Conv2D(32, (3, 3))
    ```

    ## Fix safety
    Safe when the path is only shortened (`keras.layers.convolutional.Conv2D` to
    `keras.layers.Conv2D`): the short path names the same class in Keras 2.2.4 and in
    tf.keras. Unsafe when the name itself changes (`keras.losses.cosine_proximity` to
    `keras.losses.cosine_similarity`): the new name exists only once the import is on
    tf.keras (KL001).
    """

    code = "KL003"
    name = "moved-keras-path"
    summary = "Path through a Keras 2.2.4 submodule that tf.keras does not have"
    fix_title = "Use the tf.keras path"
    valid = (
        "import keras\nx = keras.layers.Dense(3, kernel_initializer='glorot_uniform')\n",
        "import keras.backend as K\nK.epsilon()\n",
        "class keras: pass\nkeras.layers.convolutional.Conv2D\n",
    )
    invalid = (
        ("import keras\nC = keras.layers.convolutional.Conv2D\n",
         "import keras\nC = keras.layers.Conv2D\n"),
        ("import keras\ny = keras.utils.np_utils.to_categorical(x)\n",
         "import keras\ny = keras.utils.to_categorical(x)\n"),
        ("import keras.engine.topology\nclass A(keras.engine.topology.Layer): pass\n",
         "import keras.engine.topology\nclass A(keras.layers.Layer): pass\n"),
        ("from keras import layers\nC = (layers.convolutional.Conv2D)\n",
         "from keras import layers\nC = (layers.Conv2D)\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._by_hand: set[int] = set()  # call targets renamed only together with their arguments

    def visit_Call(self, node: cst.Call) -> None:
        """A renamed layer that a star import brought in: ``CuDNNLSTM(8)`` is ``LSTM(8)``."""
        func, table = node.func, self.context.table
        if calls.has_star_args(node) and table.layer_of(func) in CUDNN_SETTINGS:
            # LSTM(*args) is not CuDNNLSTM(*args) unless KL405 can write the cuDNN settings
            self._by_hand.add(id(func))
        if not isinstance(func, cst.Name) or func.value in table.bindings or func.value in table.shadowed:
            return
        qualified = table.qualify(func)
        old = None if qualified is None else to_keras(qualified)
        where = None if old is None else resolve(old, self.context.settings.target)
        new = where.new.rsplit(".", 1)[1] if isinstance(where, Moved) else func.value
        if new == func.value:
            return
        if new in table.bindings or new in table.shadowed:
            self.report(func, f"`{old}` is `{where.new}` in tf.keras, and `{new}` means something else here")
            return
        if id(func) in self._by_hand:
            self.report(func, f"`{old}` is `{where.new}` in tf.keras; rename it by hand with the settings KL405 names")
            return
        self.report(
            func,
            f"`{old}` is `{where.new}` in tf.keras",
            transform=lambda updated: updated.with_changes(value=new),
            applicability=Applicability.SAFE if "KL001" in self.context.enabled else Applicability.UNSAFE,
        )

    def check_path(self, node, move: _PathMove) -> None:
        if move.new_text is None:
            return
        if id(node) in self._by_hand:
            self.report(node, f"`{move.old}` is `{move.new}` in tf.keras; rename it by hand with the settings KL405 names")
            return
        replacement = cst.parse_expression(move.new_text)
        # A shortened path (keras.layers.Conv2D) works in Keras 2.2.4 and tf.keras alike.
        # A renamed one (cosine_similarity) only once the head's import is on tf.keras:
        # already, or in this same run (KL001 enabled and not suppressed on that import).
        head = move.new_text.split(".")[0]
        import_moves = not move.standalone or (
            "KL001" in self.context.enabled and head not in self.context.table.kept_imports
        )
        safe = not move.renamed or import_moves
        self.report(
            node,
            f"`{move.old}` is `{move.new}` in tf.keras",
            transform=lambda updated: replacement.with_changes(
                lpar=updated.lpar, rpar=updated.rpar
            ),
            applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
            fix_title=None if safe else "Use the tf.keras name (valid once the import is on tf.keras)",
        )


class KerasNameWithoutHome(_PathRule):
    """
    ## What it does
    Reports Keras 2.2.4 modules and names that have no `tensorflow.keras` equivalent, such
    as `keras.wrappers.scikit_learn`, `multi_gpu_model`, `HDF5Matrix`, `MaxoutDense` and
    `Highway` (with the layers that compute the same), `K.get_session` or `keras.legacy`,
    with guidance on what to use instead.

    ## Why is this bad?
    Rewriting the import would give code that fails with `ImportError` or
    `AttributeError` on current TensorFlow, so these need a human decision.

    ## Example
    ```python
    from keras.wrappers.scikit_learn import KerasClassifier
    from keras.utils import multi_gpu_model
    ```

    ## Use instead
    ```python
    from scikeras.wrappers import KerasClassifier  # pip install scikeras
    strategy = tf.distribute.MirroredStrategy()   # instead of multi_gpu_model
    ```

    `K.set_learning_phase(0)` on a line of its own is removed (an unsafe fix): tf.keras
    layers already run in inference mode unless called with `training=True` or in `fit`.

    ```python
    K.set_learning_phase(0)
    model = InceptionV3(include_top=False)
    ```

    becomes

    ```python
    model = InceptionV3(include_top=False)
    ```

    ## Fix safety
    No fix for the names themselves: the import is left as it is, and the message says what
    to use. Removing `K.set_learning_phase(0)` (or `False`) is unsafe: in Keras 2.2.4 it
    fixed the phase of every layer called without `training=` in the default graph, so code
    that relied on it for graphs of its own (a `K.function`, a layer called by hand, `fit`,
    which then trained with dropout off and BatchNormalization frozen) must pass
    `training=False` where it calls layers or models. `set_learning_phase(1)`, a non-literal
    argument, a call inside an expression or beside other statements, and one with a comment
    line above it stay report-only. Blank lines right above the removed line go with it.
    """

    code = "KL002"
    name = "keras-name-without-tf-keras-home"
    summary = "Keras 2.2.4 name with no `tensorflow.keras` home"
    fix_title = "Remove the call"
    valid = ("from tensorflow.keras.utils import to_categorical\n", "import keras\n")
    invalid = (
        ("import keras.backend as K\nK.set_learning_phase(0)\n\nmodel = build()\n",
         "import keras.backend as K\n\nmodel = build()\n"),
        ("import keras\nif inference:\n    keras.backend.set_learning_phase(False)  # test mode\n",
         "import keras\nif inference:\n    pass\n"),
        ("from keras import backend as K\nK.set_learning_phase(1)\n",
         "from keras import backend as K\nK.set_learning_phase(1)\n"),
        ("from keras import backend as K\nK.set_learning_phase(phase)\n",
         "from keras import backend as K\nK.set_learning_phase(phase)\n"),
        ("from keras import backend as K\nK.set_learning_phase(0); x = 1\n",
         "from keras import backend as K\nK.set_learning_phase(0); x = 1\n"),
        ("from keras import backend as K\n# inference from here on\nK.set_learning_phase(0)\n",
         "from keras import backend as K\n# inference from here on\nK.set_learning_phase(0)\n"),
        ("from keras.wrappers.scikit_learn import KerasClassifier\n",
         "from keras.wrappers.scikit_learn import KerasClassifier\n"),
        ("from keras.utils import multi_gpu_model\n",
         "from keras.utils import multi_gpu_model\n"),
        ("import keras\nm = keras.utils.multi_gpu_model(model, 2)\n",
         "import keras\nm = keras.utils.multi_gpu_model(model, 2)\n"),
    )

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self.visit_SimpleStatementLine(node)

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._alone: dict[int, tuple[cst.SimpleStatementLine, str]] = {}  # id(func) -> line, argument

    def visit_SimpleStatementLine(self, node) -> None:
        for _statement, plan in _plans(node, self.context.settings.target):
            for where, old, guidance in plan.no_home:
                self.report(where, f"`{old}` has no tf.keras home: {guidance}")
        call = _call_alone(node)
        if call is not None and len(call.args) == 1 and not call.args[0].keyword and not call.args[0].star:
            argument = call.args[0].value
            if isinstance(argument, (cst.Integer, cst.Name)):
                self._alone[id(call.func)] = (node, argument.value)

    def visit_Call(self, node: cst.Call) -> None:
        """A name a star import brought in, called in code: ``CuDNNLSTM(10)``."""
        if not isinstance(node.func, cst.Name):
            return
        table = self.context.table
        name = node.func.value
        if name in table.bindings or name in table.shadowed:
            return
        qualified = table.qualify(node.func)  # only a name the star import really brings
        old = None if qualified is None else to_keras(qualified)  # tensorflow.keras's after --fix
        where = None if old is None else resolve(old, self.context.settings.target)
        if isinstance(where, NoHome):
            self.report(node.func, f"`{old}` has no tf.keras home: {where.guidance}")

    def check_path(self, node, move: _PathMove) -> None:
        if move.new_text is None and move.old not in self.context.rewritten:
            message = f"`{move.old}` has no tf.keras home: {move.new}"
            line, argument = self._alone.get(id(node), (None, None))
            arguments, why = REMOVABLE_CALLS.get(move.old, ((), ""))
            if line is None or argument not in arguments:
                self.report(node, message)
                return
            self.report(node, message, transform=lambda _line: cst.RemovalSentinel.REMOVE, target=line,
                        applicability=Applicability.UNSAFE, fix_title=f"Remove the call: {why}")


def _call_alone(line) -> cst.Call | None:
    """The call that is a line's only statement, with no comment line above it (removing the
    line would take the comment too)."""
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    if any(empty.comment is not None for empty in line.leading_lines):
        return None
    statement = line.body[0]
    return statement.value if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call) else None
