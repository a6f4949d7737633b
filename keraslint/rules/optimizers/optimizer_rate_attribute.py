"""KL311: optimizer attributes, rate setters and configs of Keras 2.2.4 that tf.keras renamed or removed."""

from __future__ import annotations

import ast
from functools import cache
from typing import TYPE_CHECKING

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.optimizers import (
    BACKEND_VALUE_CALLS,
    CONFIG_CODE,
    CONFIG_KEYS_GONE,
    CONFIG_METHOD,
    CONFIG_NAME,
    FROM_CONFIG_CODE,
    FROM_CONFIG_METHOD,
    FROM_CONFIG_NAME,
    OPTIMIZER_NAME,
    READ_WITH_DEFAULT,
    RENAMED_ATTRIBUTES,
    SET_VALUE,
    SET_VALUE_FAILS_ON,
    optimizer_code,
)
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Rule, Valid, definable

if TYPE_CHECKING:
    import libcst


def _attribute_named(node: ast.expr | None, names) -> ast.Attribute | None:
    return node if isinstance(node, ast.Attribute) and node.attr in names else None


def _first_value(call: ast.Call) -> ast.expr:
    """The value of the call's first argument as written (of a keyword or ``*args`` too)."""
    first = calls.in_source_order(call)[0]
    return first.value if isinstance(first, (ast.keyword, ast.Starred)) else first


_RATE_NAMES = ("lr", "learning_rate")


@cache
def _comma() -> libcst.Comma:
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


class OptimizerRateAttribute(Rule):
    """
    ## What it does
    Finds Keras 2.2.4 optimizer attributes that tf.keras renamed or removed, on
    `model.optimizer` (also `self.model.optimizer` in callbacks), and on names bound to a
    Keras optimizer or to `model.optimizer` in the module:
    - `optimizer.lr` becomes `optimizer.learning_rate` (and `clipnorm` `global_clipnorm`,
      as KL304 renames the argument);
    - on the `keras3` target, a statement `K.set_value(optimizer.lr, v)` becomes
      `optimizer.learning_rate = v`;
    - `optimizer.decay` becomes `getattr(optimizer, "decay", 0.0)` (2.2.4's default);
    - `optimizer.get_config()` becomes `optimizer_config_224(optimizer)`, the config with
      2.2.4's keys, and `Adam.from_config(config)` `optimizer_from_config_224(Adam, config)`,
      which reads such a config (`lr`, `decay`, `epsilon=None`, `clipnorm`) as tf.keras's.

    ## Why is this bad?
    Keras 3 optimizers have no `lr` attribute (`AttributeError`; TF 2.11-2.15 keep it as a
    deprecated alias), and `K.set_value` on Keras 3's `learning_rate` variable raises
    `AttributeError: 'str' object has no attribute 'name'`. Assigning the attribute sets the
    same variable on every target. A tf.keras optimizer has a `decay` only when KL303 kept
    2.2.4's, and its config has no `lr` or `decay` (`KeyError`): learning-rate loggers of the
    2.2.4 era read all of them.

    ## Example
    ```python
    lr = K.get_value(model.optimizer.lr)
    decay = K.get_value(model.optimizer.decay)
    K.set_value(model.optimizer.lr, lr * 0.1)
    ```

    ## Use instead
    ```python
    lr = K.get_value(model.optimizer.learning_rate)
    decay = K.get_value(getattr(model.optimizer, "decay", 0.0))
    model.optimizer.learning_rate = lr * 0.1
    ```

    ## Fix safety
    Safe: the same variable is read or set (with KL303's `optimizer_224`, `learning_rate` is
    the rate before decay, as 2.2.4's `lr` was), and the config holds what 2.2.4's held.
    """

    code = "KL311"
    name = "optimizer-rate-attribute"
    summary = "`optimizer.lr`/`.decay` are gone in Keras 3, and `K.set_value` on its rate raises"
    fix_title = "Use `optimizer.learning_rate`"
    cases = (
        Valid("""
            import keras
            lr = model.optimizer.learning_rate
            """),
        Valid("""
            import keras
            scheduler.lr = 0.1
            """),
        Invalid(
            """
            import keras
            from keras import backend as K
            lr = K.get_value(model.optimizer.lr)
            """,
            fixed="""
            import keras
            from keras import backend as K
            lr = K.get_value(model.optimizer.learning_rate)
            """,
            message="`optimizer.lr` is gone in Keras 3; use `optimizer.learning_rate`",
        ),
        Invalid(
            """
            from keras import backend as K
            K.set_value(self.model.optimizer.lr, 0.01)
            """,
            fixed="""
            from keras import backend as K
            self.model.optimizer.learning_rate = 0.01
            """,
            message=("`K.set_value` on the optimizer's rate: Keras 3 has no `lr` and its `learning_rate` "
                     "variable cannot be set with `set_value`"),
        ),
        Invalid(
            """
            from keras.optimizers import SGD
            opt = SGD(learning_rate=0.1)
            print(opt.lr)
            """,
            fixed="""
            from keras.optimizers import SGD
            opt = SGD(learning_rate=0.1)
            print(opt.learning_rate)
            """,
            message="`optimizer.lr` is gone in Keras 3; use `optimizer.learning_rate`",
        ),
        Invalid(
            """
            import keras
            d = model.optimizer.decay
            """,
            fixed="""
            import keras
            d = getattr(model.optimizer, 'decay', 0.0)
            """,
            message="tf.keras optimizers have no `decay` unless KL303 kept 2.2.4's decay",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._optimizer_names: set[str] = set()
        self._attributes: list[tuple[ast.Attribute, str]] = []  # (node, the dotted base)
        self._configs: list[tuple[ast.Call, str]] = []
        self._from_configs: list[ast.Call] = []
        self._statements: list[tuple[ast.Expr, ast.Attribute, str]] = []
        self._in_set_value: set[int] = set()
        self._keyed_configs: set[int] = set()  # `x.get_config()['lr']`: x is an optimizer

    def visit_Assign(self, node: ast.Assign) -> None:
        value = node.value
        optimizer = isinstance(value, ast.Call) and (
            self.context.keras.optimizer_of(value.func) or _from_config(self.context.keras, value))
        if optimizer or (dotted_name(value) or "").endswith(".optimizer"):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self._optimizer_names.add(target.id)
        for target in node.targets:
            if isinstance(target, ast.Attribute):
                self._in_set_value.add(id(target))  # `optimizer.lr = v`: a rename, never a read

    def _configs_and_loads(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == CONFIG_METHOD and not node.args and not node.keywords:
            base = dotted_name(func.value)
            if base is not None:
                self._configs.append((node, base))
        if isinstance(func, ast.Attribute) and _from_config(self.context.keras, node) \
                and len(node.args) + len(node.keywords) == 1 and not calls.has_star_args(node):
            self._from_configs.append(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        call = node.value
        key = calls.subscript_key(node)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr == CONFIG_METHOD and not call.args and not call.keywords \
                and calls.string_value(key) in CONFIG_KEYS_GONE:
            self._keyed_configs.add(id(call))
            if dotted_name(call.func.value) is None:
                self._configs.append((call, ""))

    def visit_Expr(self, node: ast.Expr) -> None:
        call = node.value
        if not isinstance(call, ast.Call) or len(call.args) != 2 or call.keywords or calls.has_star_args(call):
            return
        found = self.context.keras.keras_name(call.func)
        attribute = _attribute_named(call.args[0], _RATE_NAMES)
        if found is None or ".".join(found) != SET_VALUE or attribute is None:
            return
        base = dotted_name(attribute.value)
        if base is not None:
            self._statements.append((node, attribute, base))
            self._in_set_value.add(id(attribute))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if name in RENAMED_ATTRIBUTES or name in READ_WITH_DEFAULT:
            base = dotted_name(node.value)
            if base is not None:
                self._attributes.append((node, base))

    def visit_Call(self, node: ast.Call) -> None:
        self._configs_and_loads(node)
        found = self.context.keras.keras_name(node.func)
        if found is not None and ".".join(found) in BACKEND_VALUE_CALLS and (node.args or node.keywords):
            # `K.get_value(opt.lr)`: what the backend reads is a variable, so `opt` an optimizer
            attribute = _attribute_named(_first_value(node), (*RENAMED_ATTRIBUTES, *READ_WITH_DEFAULT))
            base = None if attribute is None else dotted_name(attribute.value)
            if base is not None:
                self._optimizer_names.add(base)

    def _is_optimizer(self, base: str) -> bool:
        return base.endswith(".optimizer") or base in self._optimizer_names

    def leave_Module(self, node: ast.Module) -> None:
        keras3 = self.context.settings.target in SET_VALUE_FAILS_ON
        for statement, attribute, base in self._statements:
            if not self._is_optimizer(base):
                continue
            if attribute.attr == "lr" or keras3:
                self.report(
                    statement,
                    "`K.set_value` on the optimizer's rate: Keras 3 has no `lr` and its "
                    "`learning_rate` variable cannot be set with `set_value`",
                    transform=_set_by_assignment if keras3 else _rename_rate_in_set_value,
                    fix_title="Assign `optimizer.learning_rate`" if keras3 else None,
                )
        for attribute, base in self._attributes:
            name = attribute.attr
            read = id(attribute) not in self._in_set_value
            if not self._is_optimizer(base) or (not read and name not in RENAMED_ATTRIBUTES):
                continue
            if name in READ_WITH_DEFAULT:
                self.report(
                    attribute, f"tf.keras optimizers have no `{name}` unless KL303 kept 2.2.4's decay",
                    transform=lambda updated, name=name: cst.Call(func=cst.Name("getattr"), args=[
                        cst.Arg(updated.value, comma=_comma()), cst.Arg(cst.SimpleString(f"'{name}'"), comma=_comma()),
                        cst.Arg(cst.Float(repr(READ_WITH_DEFAULT[name])))], lpar=updated.lpar, rpar=updated.rpar),
                    fix_title=f"Read it with 2.2.4's default, {READ_WITH_DEFAULT[name]!r}",
                )
                continue
            new = RENAMED_ATTRIBUTES[name]
            self.report(
                attribute,
                f"`optimizer.{name}` is gone in Keras 3; use `optimizer.{new}`",
                transform=lambda updated, new=new: updated.with_changes(attr=cst.Name(new)),
            )
        table = self.context.table
        for call, base in self._configs:
            if not self._is_optimizer(base) and id(call) not in self._keyed_configs:
                continue
            message = "a tf.keras optimizer's config has no `lr` or `decay`; 2.2.4 code reads them"
            if not definable(table, CONFIG_NAME):
                self.report(call, message)
                continue
            self.report(
                call, message,
                transform=lambda updated: cst.Call(func=cst.Name(CONFIG_NAME), args=[cst.Arg(updated.func.value)],
                                                   lpar=updated.lpar, rpar=updated.rpar),
                fix_title=f"Use `{CONFIG_NAME}(optimizer)`, which has them",
                definitions=(Definition(CONFIG_NAME, CONFIG_CODE),),
            )
        for call in self._from_configs:
            message = "a tf.keras optimizer's `from_config` rejects 2.2.4's `lr` and `decay`"
            if not definable(table, FROM_CONFIG_NAME) or not definable(table, OPTIMIZER_NAME):
                self.report(call, message)
                continue
            self.report(
                call, message,
                transform=lambda updated: cst.Call(func=cst.Name(FROM_CONFIG_NAME),
                                                   args=[cst.Arg(updated.func.value, comma=_comma()), *updated.args],
                                                   lpar=updated.lpar, rpar=updated.rpar),
                fix_title=f"Use `{FROM_CONFIG_NAME}(cls, config)`, which reads them",
                definitions=(Definition(OPTIMIZER_NAME, optimizer_code(self.context.settings.target)),
                             Definition(FROM_CONFIG_NAME, FROM_CONFIG_CODE)),
            )


def _from_config(keras, call: ast.Call) -> bool:
    """``Adam.from_config(config)``, or what KL311 makes of it: an optimizer."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == FROM_CONFIG_NAME
    return isinstance(func, ast.Attribute) and func.attr == FROM_CONFIG_METHOD \
        and keras.optimizer_of(func.value) is not None


def _set_by_assignment(updated: libcst.Expr) -> libcst.Assign:
    target, value = (arg.value for arg in updated.value.args)
    target = target.with_changes(attr=cst.Name(RENAMED_ATTRIBUTES.get(target.attr.value, target.attr.value)))
    return cst.Assign(targets=[cst.AssignTarget(target)], value=value, semicolon=updated.semicolon)


def _rename_rate_in_set_value(updated: libcst.Expr) -> libcst.Expr:
    first = updated.value.args[0]
    renamed = first.value.with_changes(attr=cst.Name(RENAMED_ATTRIBUTES["lr"]))
    args = [first.with_changes(value=renamed), *updated.value.args[1:]]
    return updated.with_changes(value=updated.value.with_changes(args=args))
