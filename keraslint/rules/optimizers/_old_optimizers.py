"""KL3xx: optimizer arguments and defaults that changed between Keras 2.2.4 and tf.keras."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.optimizers import (
    ALIASES,
    BIAS_CORRECTION_DIFFERS,
    CHANGED_DEFAULTS,
    CONFIG_CODE,
    CONFIG_KEYS_GONE,
    CONFIG_METHOD,
    CONFIG_NAME,
    EPSILON,
    EPSILON_INSIDE_SQRT,
    FROM_CONFIG_CODE,
    FROM_CONFIG_METHOD,
    FROM_CONFIG_NAME,
    LEGACY_NADAM,
    LEGACY_UPDATE_METHOD,
    NADAM_DEFAULT_SCHEDULE_DECAY,
    NADAM_SCHEDULE_DECAY,
    OPTIMIZER_BASE,
    OPTIMIZER_CODE,
    OPTIMIZER_NAME,
    OPTIMIZER_TARGETS,
    READ_WITH_DEFAULT,
    RENAMED_ARGUMENTS,
    RENAMED_ATTRIBUTES,
    SET_VALUE,
    BACKEND_VALUE_CALLS,
    SET_VALUE_FAILS_ON,
    SHARED_OPTIMIZER_CODE,
    SHARED_OPTIMIZER_NAME,
    SIGNATURES,
    UPDATES_DIFFER,
    optimizer_code,
    wrapped_optimizers,
)
from keraslint.imports import dotted_name
from keraslint.rule import Definition, Import, Rule, definable

_RENDER = cst.Module(body=[])


def _text(node: cst.BaseExpression) -> str:
    return _RENDER.code_for_node(node)


def _atom(node: cst.BaseExpression) -> str:
    """Source text of an expression, parenthesized unless it is a name, number or call."""
    text = _text(node)
    simple = isinstance(node, (cst.Name, cst.Integer, cst.Float, cst.Attribute, cst.Call))
    return text if simple or node.lpar else f"({text})"


class _OptimizerRule(Rule):
    """Calls ``check(node, optimizer)`` for every call of a Keras optimizer class."""

    def visit_Call(self, node: cst.Call) -> None:
        optimizer = self.context.table.optimizer_of(node.func)
        if optimizer is not None:
            self.check(node, optimizer)

    def check(self, node: cst.Call, optimizer: str) -> None:
        raise NotImplementedError


def _parameters(optimizer: str) -> tuple[str, ...]:
    return tuple(name for name, _ in SIGNATURES[optimizer])


def _passed(node: cst.Call, optimizer: str, name: str) -> cst.BaseExpression | None:
    """The value passed for 2.2.4 parameter ``name``, by keyword or by its 2.2.4 position."""
    parameters = _parameters(optimizer)
    return calls.argument(node, name, parameters.index(name) if name in parameters else None)


def _by_keyword(optimizer: str, transform):
    """``transform`` after the arguments past the learning rate are keywords (KL306's fix, so
    the two commute when both apply to one call)."""
    return lambda updated: transform(calls.keywords_for_positionals(updated, _parameters(optimizer), 1))


class _RenamedArgument(_OptimizerRule):
    old: str

    def check(self, node: cst.Call, optimizer: str) -> None:
        new = RENAMED_ARGUMENTS[self.old]
        names = calls.keyword_names(node)
        if self.old not in names:
            return
        if new in names:
            self.report(node, f"`{optimizer}` gets both `{self.old}=` and `{new}=`")
            return
        self.report(
            node,
            self.message.format(optimizer=optimizer),
            transform=lambda updated: calls.rename_keyword(updated, self.old, new),
        )


class OptimizerLrArgument(_RenamedArgument):
    """
    ## What it does
    Finds `lr=` in calls to Keras optimizers and renames it `learning_rate=`.

    ## Why is this bad?
    `lr` is what Keras 2.2.4 called the learning rate. TF 2.11 to 2.15 and tf-keras drop
    it *without an error* and train with the default learning rate instead
    (`SGD(lr=0.1).learning_rate == 0.01`); Keras 3 (TF 2.16+) raises
    `ValueError: Argument(s) not recognized: {'lr': ...}`.

    ## Example
    ```python
    opt = keras.optimizers.RMSprop(lr=0.0001)
    ```

    ## Use instead
    ```python
    opt = keras.optimizers.RMSprop(learning_rate=0.0001)
    ```

    ## Fix safety
    Safe: `learning_rate` is the same parameter, accepted since TF 2.0.
    """

    code = "KL301"
    name = "optimizer-lr-argument"
    summary = "`lr=` is ignored or rejected by tf.keras optimizers; use `learning_rate=`"
    fix_title = "Rename `lr` to `learning_rate`"
    message = "`{optimizer}(lr=...)`: tf.keras ignores or rejects `lr`; use `learning_rate`"
    old = "lr"
    valid = (
        "from keras.optimizers import SGD\nSGD(learning_rate=0.1)\n",
        "from keras.optimizers import SGD\nSGD(0.1)\n",
        "from torch.optim import SGD\nSGD(params, lr=0.1)\n",
    )
    invalid = (
        ("from keras.optimizers import SGD\nSGD(lr=0.1, momentum=0.9)\n",
         "from keras.optimizers import SGD\nSGD(learning_rate=0.1, momentum=0.9)\n"),
        ("import keras\nopt = keras.optimizers.rmsprop(lr=1e-4)\n",
         "import keras\nopt = keras.optimizers.rmsprop(learning_rate=1e-4)\n"),
        ("import tensorflow as tf\ntf.keras.optimizers.Adam(lr=3e-4)\n",
         "import tensorflow as tf\ntf.keras.optimizers.Adam(learning_rate=3e-4)\n"),
    )


class OptimizerClipnormArgument(_RenamedArgument):
    """
    ## What it does
    Finds `clipnorm=` in calls to Keras optimizers and renames it `global_clipnorm=`.

    ## Why is this bad?
    In Keras 2.2.4 `clipnorm=c` scaled *all* gradients together so that their global norm
    is at most `c`. In tf.keras `clipnorm` clips each gradient tensor separately, which
    lets the total update grow with the number of weight tensors. `global_clipnorm`
    (TF 2.4+) is 2.2.4's behaviour.

    ## Example
    ```python
    opt = SGD(learning_rate=0.01, clipnorm=1.0)
    ```

    ## Use instead
    ```python
    opt = SGD(learning_rate=0.01, global_clipnorm=1.0)
    ```

    ## Fix safety
    Safe: `global_clipnorm` reproduces 2.2.4's clipping exactly.
    """

    code = "KL304"
    name = "optimizer-clipnorm-argument"
    summary = "`clipnorm=` clips per tensor in tf.keras, globally in 2.2.4"
    fix_title = "Rename `clipnorm` to `global_clipnorm`"
    message = "`{optimizer}(clipnorm=...)` clipped by the global norm in Keras 2.2.4; tf.keras clips each tensor"
    old = "clipnorm"
    valid = ("from keras.optimizers import SGD\nSGD(global_clipnorm=1.0, clipvalue=0.5)\n",)
    invalid = (
        ("from keras.optimizers import Adam\nAdam(clipnorm=1.0)\n",
         "from keras.optimizers import Adam\nAdam(global_clipnorm=1.0)\n"),
    )


class ChangedOptimizerDefault(_OptimizerRule):
    """
    ## What it does
    Finds calls to Adadelta, Adagrad, Adamax and Nadam that rely on a default that changed,
    and writes out the Keras 2.2.4 value: Adadelta `learning_rate=1.0`, Adagrad
    `learning_rate=0.01, initial_accumulator_value=0.0`, Adamax and Nadam
    `learning_rate=0.002`.

    ## Why is this bad?
    tf.keras uses `learning_rate=0.001` for all four (and starts Adagrad's accumulators at
    0.1). `Adadelta()` trains 1000x slower than it did: the Keras 2.2.4 `mnist_cnn.py`
    example stalls at a loss of about 2.25 on TF 2.21, and learns once the rate is pinned.

    ## Example
    ```python
    model.compile(optimizer=keras.optimizers.Adadelta(), loss='categorical_crossentropy')
    ```

    ## Use instead
    ```python
    model.compile(optimizer=keras.optimizers.Adadelta(learning_rate=1.0),
                  loss='categorical_crossentropy')
    ```

    ## Fix safety
    Safe: the pinned values are what Keras 2.2.4 used, and give the same updates (verified
    to 2e-8 on TF 2.4, 2.15 and Keras 3; docs/facts.md §1a).
    """

    code = "KL302"
    name = "changed-optimizer-default"
    summary = "Optimizer relies on a default that changed (Adadelta, Adagrad, Adamax, Nadam)"
    fix_title = "Pin the Keras 2.2.4 value"
    valid = (
        "from keras.optimizers import Adadelta\nAdadelta(1.0)\n",
        "from keras.optimizers import Adam\nAdam()\n",
        "from keras.optimizers import Adagrad\nAdagrad(lr=0.01, initial_accumulator_value=0.1)\n",
    )
    invalid = (
        ("import keras\nopt = keras.optimizers.Adadelta()\n",
         "import keras\nopt = keras.optimizers.Adadelta(learning_rate=1.0)\n"),
        ("from keras.optimizers import Adagrad\nAdagrad(epsilon=1e-7)\n",
         "from keras.optimizers import Adagrad\n"
         "Adagrad(epsilon=1e-7, learning_rate=0.01, initial_accumulator_value=0.0)\n"),
        ("from keras.optimizers import Adagrad\nAdagrad(0.1)\n",
         "from keras.optimizers import Adagrad\nAdagrad(0.1, initial_accumulator_value=0.0)\n"),
        ("from keras.optimizers import Nadam\nNadam(beta_1=0.8)\n",
         "from keras.optimizers import Nadam\nNadam(beta_1=0.8, learning_rate=0.002)\n"),
    )

    def check(self, node: cst.Call, optimizer: str) -> None:
        pins = CHANGED_DEFAULTS.get(optimizer)
        if not pins:
            return
        missing = [name for name in pins if not _passes(node, name)]
        if not missing:
            return
        shown = ", ".join(f"{name}={pins[name]!r}" for name in missing)
        if calls.has_star_args(node):
            self.report(node, f"`{optimizer}` may rely on changed defaults; pin `{shown}` by hand")
            return

        def transform(updated: cst.Call) -> cst.Call:
            todo = [n for n in missing if not _passes(updated, n)]
            return calls.add_keywords(updated, [(n, calls.literal(pins[n])) for n in todo])

        self.report(
            node,
            f"`{optimizer}` relies on a default that changed in tf.keras (Keras 2.2.4: {shown})",
            transform=transform,
            fix_title=f"Pin `{shown}`",
        )


def _passes(call: cst.Call, name: str) -> bool:
    """Whether the call sets tf.keras's ``name`` (learning_rate may be ``lr`` or first)."""
    names = calls.keyword_names(call)
    if name == "learning_rate":
        return bool({"lr", "learning_rate"} & names) or calls.positional_count(call) > 0
    return name in names


class OptimizerDecayArgument(_OptimizerRule):
    """
    ## What it does
    Finds `decay=d` in calls to Keras optimizers and keeps Keras 2.2.4's decay of the rate,
    `lr / (1 + d * iterations)`: the optimizer becomes `optimizer_224(SGD)(..., decay=d)`,
    Keras 2.2.4's optimizer as a subclass of the tf.keras class (on `keras2`, of the legacy
    class), made by one function keraslint adds to the module (it keeps 2.2.4's other update
    details too: KL312).

    ## Why is this bad?
    Keras 2.2.4 decayed the rate as `lr / (1 + decay * iterations)`. TF 2.11 to 2.15
    reject `decay=` in the new optimizers, and Keras 3 accepts it and *ignores* it with
    only a warning, so the rate never decays.

    ## Example
    ```python
    opt = keras.optimizers.SGD(lr=0.01, decay=1e-6, momentum=0.9)
    ```

    ## Use instead
    ```python
    def optimizer_224(cls):
        ...  # 2.2.4's updates as a subclass of cls (added once)

    opt = optimizer_224(keras.optimizers.SGD)(learning_rate=0.01, decay=1e-6, momentum=0.9)
    ```

    ## Fix safety
    Safe: the same rate at every step as 2.2.4 (the tests train both and compare the
    losses). With `optimizer_224` the rate stays a variable that callbacks can set
    (`LearningRateScheduler`, `ReduceLROnPlateau`, `optimizer.learning_rate = v`),
    `optimizer.learning_rate` reads the rate before decay as 2.2.4's `lr` did, and
    `optimizer.decay` reads the decay. `decay=0` is simply removed.
    """

    code = "KL303"
    name = "optimizer-decay-argument"
    summary = "`decay=` is ignored (Keras 3) or rejected (TF 2.11-2.15); keep 2.2.4's decay"
    fix_title = "Keep Keras 2.2.4's decay"
    valid = ("from keras.optimizers import SGD\nSGD(learning_rate=0.1)\n",)
    invalid = (
        ("from keras.optimizers import SGD\nopt = SGD(lr=0.01, decay=1e-6)\n",
         "from keras.optimizers import SGD\n\n\n" + OPTIMIZER_CODE
         + "\n\nopt = optimizer_224(SGD)(lr=0.01, decay=1e-6)\n"),
        ("from keras.optimizers import SGD\nopt = SGD(decay=0.0, momentum=0.9)\n",
         "from keras.optimizers import SGD\nopt = SGD(momentum=0.9)\n"),
        ("from keras.optimizers import SGD\nopt = SGD(0.01, 0.9, 1e-6)\n",
         "from keras.optimizers import SGD\n\n\n" + OPTIMIZER_CODE
         + "\n\nopt = optimizer_224(SGD)(0.01, momentum=0.9, decay=1e-6)\n"),
    )

    def check(self, node: cst.Call, optimizer: str) -> None:
        decay = _passed(node, optimizer, "decay")
        if decay is None or "decay" not in _parameters(optimizer):
            return
        zero = isinstance(decay, (cst.Integer, cst.Float)) and decay.evaluated_value == 0
        message = f"`{optimizer}(decay=...)` is ignored or rejected by tf.keras optimizers"
        if zero:
            self.report(node, message, transform=_by_keyword(optimizer, _remove_decay), fix_title="Remove `decay=0`")
            return
        if isinstance(node.func, cst.Call):
            return  # optimizer_224(SGD)(..., decay=d) keeps 2.2.4's decay already
        if calls.has_star_args(node) or not definable(self.context.table, OPTIMIZER_NAME):
            self.report(node, f"{message}: keep 2.2.4's decay by hand")
            return
        self.report(node, message, transform=_by_keyword(optimizer, _wrapped),
                    definitions=(Definition(OPTIMIZER_NAME, optimizer_code(self.context.settings.target)),))


def _wrapped(updated: cst.Call) -> cst.Call:
    """``SGD(...)`` -> ``optimizer_224(SGD)(...)``."""
    if isinstance(updated.func, cst.Call):
        return updated
    return updated.with_changes(func=cst.Call(func=cst.Name(OPTIMIZER_NAME), args=[cst.Arg(updated.func)]))


class OptimizerUpdates(_OptimizerRule):
    """
    ## What it does
    On the `keras3` target, makes Adam, Adamax, Nadam, RMSprop and Adagrad (constructed, or
    named by a string in `compile`) Keras 2.2.4's optimizers: `Adam(lr=1e-3)` becomes
    `optimizer_224(Adam)(lr=1e-3)`, a subclass of the tf.keras class made by one function
    keraslint adds to the module, whose updates are 2.2.4's.

    ## Why is this bad?
    tf.keras changed how these optimizers update the weights, without a new argument to
    ask for the old way. Keras 2.2.4 read its iteration count after increasing it, so Adam's
    and Adamax's bias correction ran one step ahead (the first Adam step was 0.74 times
    tf.keras's, and they differ for thousands of steps), Nadam's too, and Nadam warmed its
    momentum up as `0.96 ** (t * schedule_decay)` where tf.keras hard-codes `0.96 ** t`;
    RMSprop and Adagrad added `epsilon` after the square root, tf.keras inside it (a large
    difference while the accumulated squares are small). A migrated model then trains
    differently from the original.

    ## Example
    ```python
    model.compile(optimizer=Adam(lr=1e-3), loss='mse')
    model.compile(optimizer='rmsprop', loss='mse')
    ```

    ## Use instead
    ```python
    model.compile(optimizer=optimizer_224(Adam)(learning_rate=1e-3), loss='mse')
    model.compile(optimizer=optimizer_224(RMSprop)(), loss='mse')
    ```

    ## Fix safety
    Safe: the updates are 2.2.4's (the tests train both and compare the losses), the
    optimizer is still an instance of the tf.keras class with the same attributes, and a
    saved model records the tf.keras class, so any program loads it. RMSprop with
    `momentum` or `centered` (arguments 2.2.4 did not have) keeps tf.keras's update.
    """

    code = "KL312"
    name = "optimizer-updates"
    summary = "Adam/Adamax/Nadam/RMSprop/Adagrad update the weights differently in tf.keras"
    fix_title = "Use Keras 2.2.4's updates"
    valid = (
        "from keras.optimizers import SGD\nopt = SGD(lr=0.1)\n",
        "from keras.optimizers import Adam\nopt = Adam(lr=0.1, decay=1e-3)\n",  # KL303's
    )
    invalid = (
        ("from keras.optimizers import Adam\nopt = Adam(lr=1e-3)\n",
         "from keras.optimizers import Adam\n\n\n" + OPTIMIZER_CODE
         + "\n\nopt = optimizer_224(Adam)(lr=1e-3)\n"),
        ("import keras\nmodel.compile(optimizer='rmsprop', loss='mse')\n",
         "import keras\nfrom tensorflow.keras.optimizers import RMSprop\n\n\n" + OPTIMIZER_CODE
         + "\n\nmodel.compile(optimizer=optimizer_224(RMSprop)(), loss='mse')\n"),
    )

    def _applies(self) -> bool:
        return self.context.settings.target in OPTIMIZER_TARGETS

    def check(self, node: cst.Call, optimizer: str) -> None:
        target = self.context.settings.target
        if not self._applies() or optimizer not in wrapped_optimizers(target) or isinstance(node.func, cst.Call):
            return
        decay = _passed(node, optimizer, "decay")
        if decay is not None and not (isinstance(decay, (cst.Integer, cst.Float)) and decay.evaluated_value == 0):
            return  # KL303 makes it optimizer_224(...) for its decay
        message = (f"tf.keras's `{optimizer}` updates the weights differently from Keras 2.2.4's"
                   if optimizer in UPDATES_DIFFER else
                   f"tf.keras's `{optimizer}` has no `lr`/`decay` and serves one model, as 2.2.4's did not")
        if calls.has_star_args(node) or not definable(self.context.table, OPTIMIZER_NAME):
            self.report(node, message)
            return
        self.report(node, message, transform=_wrapped,
                    definitions=(Definition(OPTIMIZER_NAME, optimizer_code(target)),))

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        if self._applies():
            self._string(node)

    def _string(self, node: cst.Call) -> None:
        """``compile(optimizer='adam')``: the class, made 2.2.4's (KL307 pins its defaults first)."""
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "compile"):
            return
        names = calls.keyword_names(node)
        if "optimizer" not in names and "loss" not in names:
            return
        value = calls.argument(node, "optimizer", 0)
        optimizer = ALIASES.get((calls.string_value(value) or "").lower())
        target = self.context.settings.target
        if optimizer not in wrapped_optimizers(target):
            return
        table = self.context.table
        message = f"`'{calls.string_value(value)}'` is tf.keras's {optimizer}, whose updates differ from 2.2.4's"
        bound = table.bindings.get(optimizer)
        if optimizer in table.shadowed or (bound is not None and table.optimizer_of(cst.Name(optimizer)) != optimizer) \
                or not definable(table, OPTIMIZER_NAME):
            self.report(node, message + f"; use `optimizer_224({optimizer})()` by hand")
            return
        keyword = "optimizer" in names

        def transform(updated: cst.Call) -> cst.Call:
            current = calls.argument(updated, "optimizer", 0)  # KL307 may have made it a call
            instance = _wrapped(current) if isinstance(current, cst.Call) else \
                _wrapped(cst.Call(func=cst.Name(optimizer)))
            if keyword:
                return calls.set_keyword_value(updated, "optimizer", instance)
            return calls.set_positional_value(updated, 0, instance)

        self.report(value, message, target=node, transform=transform,
                    imports=(Import("tensorflow.keras.optimizers", optimizer),),
                    definitions=(Definition(OPTIMIZER_NAME, optimizer_code(target)),))


def _remove_decay(updated: cst.Call) -> cst.Call:
    return calls.remove_keyword(updated, "decay")


class OptimizerEpsilonNone(_OptimizerRule):
    """
    ## What it does
    Finds `epsilon=None` in calls to Keras optimizers and writes `epsilon=1e-07`.

    ## Why is this bad?
    In Keras 2.2.4 `epsilon=None` meant `K.epsilon()`, which is 1e-07. tf.keras stores the
    `None`, and training fails on the first step (`ValueError: None values not supported`)
    on TF 2.11+ and Keras 3.

    ## Example
    ```python
    opt = Adam(lr=0.001, epsilon=None)
    ```

    ## Use instead
    ```python
    opt = Adam(lr=0.001, epsilon=1e-07)
    ```

    ## Fix safety
    Safe: 1e-07 is the value 2.2.4 used.
    """

    code = "KL305"
    name = "optimizer-epsilon-none"
    summary = "`epsilon=None` fails in tf.keras; 2.2.4 meant 1e-07"
    fix_title = "Write `epsilon=1e-07`"
    valid = (
        "from keras.optimizers import Adam\nAdam(epsilon=1e-8)\n",
        "from keras.optimizers import Adam\nAdam(*args, None)\n",  # where None lands is unknown
    )
    invalid = (
        ("from keras.optimizers import Adam\nAdam(epsilon=None)\n",
         "from keras.optimizers import Adam\nAdam(epsilon=1e-07)\n"),
        ("from keras.optimizers import Adam\nAdam(0.001, 0.9, 0.999, None)\n",
         "from keras.optimizers import Adam\nAdam(0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07)\n"),
    )

    def check(self, node: cst.Call, optimizer: str) -> None:
        epsilon = _passed(node, optimizer, "epsilon")
        if isinstance(epsilon, cst.Name) and epsilon.value == "None":
            self.report(
                node,
                f"`{optimizer}(epsilon=None)` meant 1e-07 in Keras 2.2.4; tf.keras fails on it",
                transform=_by_keyword(optimizer, lambda updated: calls.set_keyword_value(
                    updated, "epsilon", calls.literal(EPSILON)
                )),
            )


class PositionalOptimizerArguments(_OptimizerRule):
    """
    ## What it does
    Finds optimizer calls that pass more than the learning rate by position, and writes the
    other arguments as keywords with their Keras 2.2.4 names.

    ## Why is this bad?
    tf.keras optimizers have other parameters in other positions: 2.2.4's
    `RMSprop(lr, rho, epsilon, decay)` is tf.keras's `RMSprop(learning_rate, rho, momentum,
    epsilon, ...)`, so `RMSprop(0.001, 0.9, 1e-6)` silently sets `momentum=1e-6`, and
    `Adagrad(0.01, 1e-6)` sets `initial_accumulator_value`.

    ## Example
    ```python
    opt = RMSprop(0.001, 0.9, 1e-06)
    ```

    ## Use instead
    ```python
    opt = RMSprop(0.001, rho=0.9, epsilon=1e-06)
    ```

    ## Fix safety
    Safe: each value keeps the parameter Keras 2.2.4 gave it; other rules then rename or
    convert those that changed (`decay`, `lr`).
    """

    code = "KL306"
    name = "positional-optimizer-arguments"
    summary = "Optimizer arguments passed by position mean other parameters in tf.keras"
    fix_title = "Pass them by keyword"
    valid = ("from keras.optimizers import SGD\nSGD(0.1, momentum=0.9)\n",)
    invalid = (
        ("from keras.optimizers import RMSprop\nRMSprop(0.001, 0.9, 1e-06)\n",
         "from keras.optimizers import RMSprop\nRMSprop(0.001, rho=0.9, epsilon=1e-06)\n"),
    )

    def check(self, node: cst.Call, optimizer: str) -> None:
        if calls.positional_count(node) <= 1 or calls.has_star_args(node):
            return
        self.report(
            node,
            f"`{optimizer}` gets arguments by position that tf.keras reads as other parameters",
            transform=_by_keyword(optimizer, lambda updated: updated),
        )


#: ``compile(optimizer='adadelta')`` names -> the class, for the optimizers whose defaults changed.
_STRING_NAMES = {name.lower(): name for name in CHANGED_DEFAULTS}


class StringOptimizerWithChangedDefault(Rule):
    """
    ## What it does
    Finds `compile(optimizer='adadelta')` (and `'adagrad'`, `'adamax'`, `'nadam'`) and
    replaces the string with an instance that has the Keras 2.2.4 defaults, such as
    `Adadelta(learning_rate=1.0)`, adding `from tensorflow.keras.optimizers import Adadelta`.

    ## Why is this bad?
    A string optimizer gets the class defaults, and for these four the tf.keras defaults
    differ from 2.2.4's: `'adadelta'` trains with a learning rate of 0.001 instead of 1.0.

    ## Example
    ```python
    model.compile(loss='categorical_crossentropy', optimizer='adadelta')
    ```

    ## Use instead
    ```python
    from tensorflow.keras.optimizers import Adadelta
    model.compile(loss='categorical_crossentropy', optimizer=Adadelta(learning_rate=1.0))
    ```

    ## Fix safety
    Safe: the instance has exactly the 2.2.4 defaults. The call is recognised as a Keras
    `compile` when it passes `optimizer=` or `loss=` by keyword; if
    the class name is already bound to something else in the module, it is reported
    without a fix.
    """

    code = "KL307"
    name = "string-optimizer-with-changed-default"
    summary = "String optimizer whose tf.keras defaults differ from Keras 2.2.4's"
    fix_title = "Use an instance with the 2.2.4 defaults"
    valid = (
        "import keras\nmodel.compile(optimizer='adam', loss='mse')\n",
        "import keras, re\npattern = re.compile('adadelta')\n",
        "import keras, re\npattern = re.compile('nadam', re.I)\n",
        "from keras.optimizers import Adadelta\n"
        "model.compile(optimizer=Adadelta(learning_rate=1.0), loss='mse')\n",
    )
    invalid = (
        ("from keras.models import Sequential\n"
         "model.compile(loss='mse', optimizer='adadelta', metrics=['mae'])\n",
         "from keras.models import Sequential\n"
         "from tensorflow.keras.optimizers import Adadelta\n\n"
         "model.compile(loss='mse', optimizer=Adadelta(learning_rate=1.0), metrics=['mae'])\n"),
        ("import keras\nmodel.compile('Nadam', loss='mse')\n",
         "import keras\nfrom tensorflow.keras.optimizers import Nadam\n\n"
         "model.compile(Nadam(learning_rate=0.002), loss='mse')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "compile"):
            return
        names = calls.keyword_names(node)
        if "optimizer" not in names and "loss" not in names:
            return  # `re.compile('nadam', re.I)` and friends: not a Keras compile
        keyword = "optimizer" if "optimizer" in names else None
        value = calls.argument(node, "optimizer", 0)
        optimizer = _STRING_NAMES.get((calls.string_value(value) or "").lower())
        if optimizer is None:
            return
        pins = CHANGED_DEFAULTS[optimizer]
        shown = ", ".join(f"{k}={v!r}" for k, v in pins.items())
        table = self.context.table
        bound = table.bindings.get(optimizer)
        if optimizer in table.shadowed or (bound is not None and table.optimizer_of(cst.Name(optimizer)) != optimizer):
            self.report(node, f"`{optimizer}` is bound to something else here; use `{optimizer}({shown})` by hand")
            return
        instance = cst.parse_expression(f"{optimizer}({shown})")

        def transform(updated: cst.Call) -> cst.Call:
            if keyword is not None:
                return calls.set_keyword_value(updated, keyword, instance)
            return calls.set_positional_value(updated, 0, instance)

        self.report(
            value,
            f"`'{calls.string_value(value)}'` gets tf.keras defaults that differ from Keras 2.2.4 ({shown})",
            target=node,
            transform=transform,
            imports=(Import("tensorflow.keras.optimizers", optimizer),),
        )


class NadamScheduleDecay(_OptimizerRule):
    """
    ## What it does
    On the `keras2` target, finds `Nadam(schedule_decay=...)`. (On `keras3`, KL312's
    `optimizer_224(Nadam)` takes the argument and runs 2.2.4's schedule.)

    ## Why is this bad?
    Keras 2.2.4's Nadam warmed up its momentum as `beta_1 * (1 - 0.5 * 0.96 ** (t *
    schedule_decay))`. tf.keras's Nadam hard-codes `0.96 ** t` and rejects the argument
    (TypeError on TF 2.11-2.15, ValueError on Keras 3). Only
    `tf.keras.optimizers.legacy.Nadam` (TF <= 2.15, tf-keras) keeps the 2.2.4 schedule.

    ## Example
    ```python
    opt = Nadam(lr=0.002, schedule_decay=0.004)
    ```

    ## Use instead
    ```python
    opt = Nadam(learning_rate=0.002)  # a different momentum warm-up
    ```

    ## Fix safety
    Safe when the value is 2.2.4's default, 0.004: tf.keras's Nadam has its own momentum
    schedule whether or not the argument is there, so removing it changes nothing but that
    the code runs (the schedule's difference from 2.2.4's is KL309's, opt-in). Unsafe for
    another value, which the code asked for and no longer gets. The message names the
    legacy optimizer that keeps the schedule.
    """

    code = "KL308"
    name = "nadam-schedule-decay"
    summary = "`Nadam(schedule_decay=)` is rejected by tf.keras; its schedule is gone"
    fix_title = "Remove `schedule_decay`"
    case_target = "keras2"
    valid = ("from keras.optimizers import Nadam\nNadam(learning_rate=0.002)\n",)
    invalid = (
        ("from keras.optimizers import Nadam\nNadam(learning_rate=0.002, schedule_decay=0.004)\n",
         "from keras.optimizers import Nadam\nNadam(learning_rate=0.002)\n"),
    )

    def check(self, node: cst.Call, optimizer: str) -> None:
        if optimizer != "Nadam" or NADAM_SCHEDULE_DECAY not in calls.keyword_names(node):
            return
        if "KL312" in self.context.enabled and self.context.settings.target in OPTIMIZER_TARGETS:
            return  # KL312's optimizer_224(Nadam) takes schedule_decay and runs 2.2.4's schedule
        hint = f"; {LEGACY_NADAM} keeps it" if self.context.settings.target == "keras2" else ""
        value = calls.argument(node, NADAM_SCHEDULE_DECAY, None)
        default = isinstance(value, (cst.Float, cst.Integer)) and value.evaluated_value == NADAM_DEFAULT_SCHEDULE_DECAY
        self.report(
            node,
            f"`Nadam(schedule_decay=...)` is rejected by tf.keras, whose Nadam has another "
            f"momentum schedule{hint}",
            transform=lambda updated: calls.remove_keyword(updated, NADAM_SCHEDULE_DECAY),
            applicability=Applicability.SAFE if default else Applicability.UNSAFE,
            fix_title=None if default else "Remove `schedule_decay` (the value asked for is lost)",
        )


class OptimizerUnfixableDifference(_OptimizerRule):
    """
    ## What it does
    Opt-in (select it by code: `--select KL309`). On the `keras2` target, reports the
    optimizers whose updates differ from Keras 2.2.4's where keraslint cannot make them the
    same: Adam, Adamax, Nadam, RMSprop and Adagrad. (On `keras3`, KL312 gives them 2.2.4's
    updates.)

    ## Why is this bad?
    2.2.4 read the step counter after incrementing it, so its first bias-corrected update
    used t=2; tf.keras uses t=1 (with a constant gradient and `lr=1`, 2.2.4's first Adam
    steps were 0.744, 0.858, 0.910, tf.keras's 1.0 each: docs/facts.md §1c). Nadam's
    momentum schedule differs too (`0.96 ** t` for 2.2.4's `0.96 ** (t * 0.004)`). RMSprop
    and Adagrad divide by `sqrt(a + epsilon)` where 2.2.4 divided by `sqrt(a) + epsilon`,
    which matters while the accumulated squares are small. It matters only when results
    must match a 2.2.4 run closely, which is why the rule is opt-in.

    ## Example
    ```python
    opt = Nadam(learning_rate=0.002)
    ```

    ## Use instead
    ```python
    opt = Nadam(learning_rate=0.002)  # noqa: KL309 - updates differ slightly from 2.2.4
    ```

    ## Fix safety
    No fix: informational only.
    """

    code = "KL309"
    name = "optimizer-unfixable-difference"
    summary = "On keras2, Adam/Adamax/Nadam/RMSprop/Adagrad's updates differ from 2.2.4 (opt-in)"
    explicit = True
    case_target = "keras2"
    valid = ("from keras.optimizers import SGD\nSGD(learning_rate=0.1)\n",)
    invalid = (
        ("from keras.optimizers import Nadam\nNadam()\n", "from keras.optimizers import Nadam\nNadam()\n"),
        ("from keras.optimizers import Adam\nAdam()\n", "from keras.optimizers import Adam\nAdam()\n"),
    )

    def check(self, node: cst.Call, optimizer: str) -> None:
        if "KL312" in self.context.enabled and optimizer in wrapped_optimizers(self.context.settings.target):
            return  # KL312 makes them 2.2.4's
        if optimizer in BIAS_CORRECTION_DIFFERS:
            self.report(
                node,
                f"`{optimizer}`'s updates differ from Keras 2.2.4's (bias-correction step"
                f"{', momentum schedule' if optimizer == 'Nadam' else ''}); no argument reproduces them",
            )
        elif optimizer in EPSILON_INSIDE_SQRT:
            self.report(
                node,
                f"`{optimizer}` divides by sqrt(a + epsilon), Keras 2.2.4 by sqrt(a) + epsilon; "
                "no argument reproduces it",
            )


class CustomOptimizerGetUpdates(Rule):
    """
    ## What it does
    Reports classes that subclass Keras's `Optimizer` and define `get_updates`, the
    2.2.4 way to write an optimizer.

    ## Why is this bad?
    tf.keras's optimizers (TF 2.11 and later, and Keras 3) never call `get_updates`: they
    call `update_step(gradient, variable, learning_rate)` for each variable after `build`
    has made the slots. The subclass either fails to construct or trains with none of its
    own update rule.

    ## Example
    ```python
    class MySGD(keras.optimizers.Optimizer):
        def get_updates(self, loss, params):
            ...
    ```

    ## Use instead
    ```python
    class MySGD(keras.optimizers.Optimizer):
        def build(self, variables):
            ...
        def update_step(self, gradient, variable, learning_rate):
            ...
    ```

    ## Fix safety
    No fix: the update rule has to be rewritten per variable. (On TF <= 2.15,
    `tf.keras.optimizers.legacy.Optimizer` still has the old interface.)
    """

    code = "KL310"
    name = "custom-optimizer-get-updates"
    summary = "Custom optimizer with `get_updates`, which tf.keras never calls"
    valid = ("import keras\nclass A(keras.optimizers.Optimizer):\n    def update_step(self, g, v, lr): pass\n",)
    invalid = (
        ("from keras.optimizers import Optimizer\nclass A(Optimizer):\n    def get_updates(self, loss, params): pass\n",
         "from keras.optimizers import Optimizer\nclass A(Optimizer):\n    def get_updates(self, loss, params): pass\n"),
    )

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        table = self.context.table
        if not any(table.keras_name(base.value) == ("keras.optimizers", OPTIMIZER_BASE) for base in node.bases):
            return
        for statement in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
            if isinstance(statement, cst.FunctionDef) and statement.name.value == LEGACY_UPDATE_METHOD:
                self.report(statement.name, f"`{node.name.value}.{LEGACY_UPDATE_METHOD}` is never called by "
                                            "tf.keras optimizers; port it to `build` and `update_step`")


def _attribute_named(node: cst.BaseExpression | None, names) -> cst.Attribute | None:
    return node if isinstance(node, cst.Attribute) and node.attr.value in names else None


_RATE_NAMES = ("lr", "learning_rate")
_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


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
    valid = (
        "import keras\nlr = model.optimizer.learning_rate\n",
        "import keras\nscheduler.lr = 0.1\n",
    )
    invalid = (
        ("import keras\nfrom keras import backend as K\nlr = K.get_value(model.optimizer.lr)\n",
         "import keras\nfrom keras import backend as K\nlr = K.get_value(model.optimizer.learning_rate)\n"),
        ("from keras import backend as K\nK.set_value(self.model.optimizer.lr, 0.01)\n",
         "from keras import backend as K\nself.model.optimizer.learning_rate = 0.01\n"),
        ("from keras.optimizers import SGD\nopt = SGD(learning_rate=0.1)\nprint(opt.lr)\n",
         "from keras.optimizers import SGD\nopt = SGD(learning_rate=0.1)\nprint(opt.learning_rate)\n"),
        ("import keras\nd = model.optimizer.decay\n",
         "import keras\nd = getattr(model.optimizer, 'decay', 0.0)\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._optimizer_names: set[str] = set()
        self._attributes: list[tuple[cst.Attribute, str]] = []  # (node, the dotted base)
        self._configs: list[tuple[cst.Call, str]] = []
        self._from_configs: list[cst.Call] = []
        self._statements: list[tuple[cst.Expr, cst.Attribute, str]] = []
        self._in_set_value: set[int] = set()
        self._keyed_configs: set[int] = set()  # `x.get_config()['lr']`: x is an optimizer

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        optimizer = isinstance(value, cst.Call) and (
            self.context.table.optimizer_of(value.func) or _from_config(self.context.table, value))
        if optimizer or (dotted_name(value) or "").endswith(".optimizer"):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self._optimizer_names.add(target.target.value)

    def _configs_and_loads(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == CONFIG_METHOD and not node.args:
            base = dotted_name(func.value)
            if base is not None:
                self._configs.append((node, base))
        if isinstance(func, cst.Attribute) and _from_config(self.context.table, node) \
                and len(node.args) == 1 and not node.args[0].star:
            self._from_configs.append(node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        call = node.value
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
                and call.func.attr.value == CONFIG_METHOD and not call.args and len(node.slice) == 1 \
                and isinstance(node.slice[0].slice, cst.Index) \
                and calls.string_value(node.slice[0].slice.value) in CONFIG_KEYS_GONE:
            self._keyed_configs.add(id(call))
            if dotted_name(call.func.value) is None:
                self._configs.append((call, ""))

    def visit_Expr(self, node: cst.Expr) -> None:
        call = node.value
        if not isinstance(call, cst.Call) or len(call.args) != 2 or calls.has_star_args(call):
            return
        found = self.context.table.keras_name(call.func)
        attribute = _attribute_named(call.args[0].value, _RATE_NAMES)
        if found is None or ".".join(found) != SET_VALUE or attribute is None:
            return
        base = dotted_name(attribute.value)
        if base is not None and call.args[1].keyword is None:
            self._statements.append((node, attribute, base))
            self._in_set_value.add(id(attribute))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Attribute):
            self._in_set_value.add(id(node.target))  # `optimizer.lr = v`: a rename, never a read

    def visit_Attribute(self, node: cst.Attribute) -> None:
        name = node.attr.value
        if name in RENAMED_ATTRIBUTES or name in READ_WITH_DEFAULT:
            base = dotted_name(node.value)
            if base is not None:
                self._attributes.append((node, base))

    def visit_Call(self, node: cst.Call) -> None:
        self._configs_and_loads(node)
        found = self.context.table.keras_name(node.func)
        if found is not None and ".".join(found) in BACKEND_VALUE_CALLS and node.args:
            # `K.get_value(opt.lr)`: what the backend reads is a variable, so `opt` an optimizer
            attribute = _attribute_named(node.args[0].value, (*RENAMED_ATTRIBUTES, *READ_WITH_DEFAULT))
            base = None if attribute is None else dotted_name(attribute.value)
            if base is not None:
                self._optimizer_names.add(base)

    def _is_optimizer(self, base: str) -> bool:
        return base.endswith(".optimizer") or base in self._optimizer_names

    def leave_Module(self, node: cst.Module) -> None:
        keras3 = self.context.settings.target in SET_VALUE_FAILS_ON
        for statement, attribute, base in self._statements:
            if not self._is_optimizer(base):
                continue
            if attribute.attr.value == "lr" or keras3:
                self.report(
                    statement,
                    "`K.set_value` on the optimizer's rate: Keras 3 has no `lr` and its "
                    "`learning_rate` variable cannot be set with `set_value`",
                    transform=_set_by_assignment if keras3 else _rename_rate_in_set_value,
                    fix_title="Assign `optimizer.learning_rate`" if keras3 else None,
                )
        for attribute, base in self._attributes:
            name = attribute.attr.value
            read = id(attribute) not in self._in_set_value
            if not self._is_optimizer(base) or (not read and name not in RENAMED_ATTRIBUTES):
                continue
            if name in READ_WITH_DEFAULT:
                self.report(
                    attribute, f"tf.keras optimizers have no `{name}` unless KL303 kept 2.2.4's decay",
                    transform=lambda updated, name=name: cst.Call(func=cst.Name("getattr"), args=[
                        cst.Arg(updated.value, comma=_COMMA), cst.Arg(cst.SimpleString(f"'{name}'"), comma=_COMMA),
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
                                                   args=[cst.Arg(updated.func.value, comma=_COMMA), *updated.args],
                                                   lpar=updated.lpar, rpar=updated.rpar),
                fix_title=f"Use `{FROM_CONFIG_NAME}(cls, config)`, which reads them",
                definitions=(Definition(OPTIMIZER_NAME, optimizer_code(self.context.settings.target)),
                             Definition(FROM_CONFIG_NAME, FROM_CONFIG_CODE)),
            )


def _from_config(table, call: cst.Call) -> bool:
    """``Adam.from_config(config)``, or what KL311 makes of it: an optimizer."""
    func = call.func
    if isinstance(func, cst.Name):
        return func.value == FROM_CONFIG_NAME
    return isinstance(func, cst.Attribute) and func.attr.value == FROM_CONFIG_METHOD \
        and table.optimizer_of(func.value) is not None


def _set_by_assignment(updated: cst.Expr) -> cst.Assign:
    target, value = (arg.value for arg in updated.value.args)
    target = target.with_changes(attr=cst.Name(RENAMED_ATTRIBUTES.get(target.attr.value, target.attr.value)))
    return cst.Assign(targets=[cst.AssignTarget(target)], value=value, semicolon=updated.semicolon)


def _rename_rate_in_set_value(updated: cst.Expr) -> cst.Expr:
    first = updated.value.args[0]
    renamed = first.value.with_changes(attr=cst.Name(RENAMED_ATTRIBUTES["lr"]))
    args = [first.with_changes(value=renamed), *updated.value.args[1:]]
    return updated.with_changes(value=updated.value.with_changes(args=args))


class SharedOptimizer(Rule):
    """
    ## What it does
    Finds one optimizer, bound to a name, compiled into several models (the GAN pattern:
    `opt = Adam(0.0002, 0.5)`, then `d.compile(optimizer=opt)` and
    `combined.compile(optimizer=opt)`), and gives every model after the first
    `shared_optimizer_224(opt)`, a function keraslint adds to the module once: a copy of the
    optimizer that shares its rate and its iteration count.

    ## Why is this bad?
    Keras 2.2.4 made the optimizer's slots for each model it was compiled into, with one
    rate and one iteration count for all of them. A tf.keras optimizer (TF >= 2.11) serves
    the variables it first trained only: the second model raises `ValueError: Unknown
    variable ... This optimizer can only be called for the variables it was originally
    built with` (TF 2.15: "The optimizer cannot recognize variable").

    ## Example
    ```python
    optimizer = Adam(0.0002, 0.5)
    discriminator.compile(loss='binary_crossentropy', optimizer=optimizer)
    combined.compile(loss='binary_crossentropy', optimizer=optimizer)
    ```

    ## Use instead
    ```python
    combined.compile(loss='binary_crossentropy', optimizer=shared_optimizer_224(optimizer))
    ```

    On the `keras2` target KL312 makes every optimizer 2.2.4's on the legacy class, which
    serves several models as 2.2.4's did; this rule then has nothing to do.

    ## Fix safety
    Safe: each model keeps its own slots as in 2.2.4, and a rate set on the first (by a
    callback or by hand) or a step taken by either counts for both, as it did. The copy
    shares two attributes tf.keras does not document (`_learning_rate`, `_iterations`).
    """

    code = "KL313"
    name = "shared-optimizer"
    summary = "One optimizer compiled into several models: tf.keras optimizers serve one"
    fix_title = "Give each further model a copy that shares the rate and the step count"
    valid = ("import keras\nm.compile(optimizer=opt, loss='mse')\nm.compile(optimizer=opt, loss='mae')\n",)
    invalid = (
        ("from keras.optimizers import Adam\nopt = Adam(0.0002, 0.5)\nd.compile(optimizer=opt, loss='mse')\n"
         "gan.compile(loss='mse', optimizer=opt)\n",
         "from keras.optimizers import Adam\n\n\n" + SHARED_OPTIMIZER_CODE + "\n\nopt = Adam(0.0002, 0.5)\n"
         "d.compile(optimizer=opt, loss='mse')\ngan.compile(loss='mse', optimizer=shared_optimizer_224(opt))\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._optimizers: set[str] = set()  # names bound to a Keras optimizer
        self._compiles: list[tuple[cst.Call, str, str]] = []  # (call, model, optimizer name)

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call) and self.context.table.optimizer_of(node.value.func):
            for target in node.targets:
                name = dotted_name(target.target)
                if name is not None:
                    self._optimizers.add(name)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "compile") or calls.has_star_args(node):
            return
        model = dotted_name(func.value)
        optimizer = dotted_name(calls.argument(node, "optimizer", 0) or cst.Name("_"))
        if model is not None and optimizer is not None:
            self._compiles.append((node, model, optimizer))

    def leave_Module(self, node: cst.Module) -> None:
        if self.context.settings.target == "keras2" and "KL312" in self.context.enabled:
            return  # KL312's optimizer_224 is the legacy optimizer there, which serves several models
        first: dict[str, str] = {}  # optimizer name -> the model compiled with it first
        table = self.context.table
        for call, model, optimizer in self._compiles:
            if optimizer not in self._optimizers or table.binding_count(optimizer.split(".")[0]) > 1 \
                    and "." not in optimizer:
                continue
            if first.setdefault(optimizer, model) == model:
                continue
            message = f"`{optimizer}` is compiled into another model too: tf.keras optimizers serve one model"
            if not definable(table, SHARED_OPTIMIZER_NAME):
                self.report(call, message)
                continue
            keyword = "optimizer" in calls.keyword_names(call)

            def transform(updated: cst.Call, keyword=keyword) -> cst.Call:
                value = calls.argument(updated, "optimizer", 0)
                shared = cst.Call(func=cst.Name(SHARED_OPTIMIZER_NAME), args=[cst.Arg(value)])
                if keyword:
                    return calls.set_keyword_value(updated, "optimizer", shared)
                return calls.set_positional_value(updated, 0, shared)

            self.report(call, message, transform=transform,
                        definitions=(Definition(SHARED_OPTIMIZER_NAME, SHARED_OPTIMIZER_CODE),))
