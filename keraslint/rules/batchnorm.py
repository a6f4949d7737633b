"""KL2xx: BatchNormalization calls that rely on implicit defaults."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.keras224.layers import (
    APPLICATIONS_WITH_BATCHNORM,
    BATCHNORM_224_CODE,
    BATCHNORM_224_NAME,
    BATCHNORM_224_TARGETS,
    V1_BATCHNORM,
)
from keraslint.diagnostics import Applicability
from keraslint.rule import Definition, Import, Rule, definable, tf_free
from keraslint.rules._pinned import PinnedDefaultRule


def _docs(argument: str, default: float, key: str, recipe: float) -> str:
    return f"""
    ## What it does
    Finds `BatchNormalization` calls that do not pass `{argument}`, and writes out the
    Keras 2.2.4 default, `{argument}={default!r}`. The value can be configured with
    `{key}` in `[tool.keraslint]`.

    ## Why is this bad?
    `momentum` and `epsilon` decide how the moving statistics used at inference are
    computed. Ports of models from other frameworks often assume different values
    (PyTorch uses momentum 0.9 and eps 1e-5), and a reader cannot tell which one this
    layer gets unless it is written out.

    ## Example
    ```python
    x = BatchNormalization()(x)
    ```

    ## Use instead
    ```python
    x = BatchNormalization({argument}={default!r})(x)
    ```

    ## Fix safety
    Safe with the default value: 2.2.4's default is unchanged in tf.keras, so the model
    behaves the same. A configured value other than {default!r} (a common recipe is
    `{key} = {recipe!r}`) changes the model; that fix is unsafe and is applied only with
    `--unsafe-fixes`. Calls with `*args`/`**kwargs` are reported without a fix.
    """


class ImplicitBatchNormMomentum(PinnedDefaultRule):
    __doc__ = _docs("momentum", 0.99, "batchnorm-momentum", 0.9)
    code = "KL201"
    name = "implicit-batchnorm-momentum"
    summary = "BatchNormalization relies on the implicit `momentum` default"
    fix_title = "Pin `momentum`"
    argument = "momentum"
    valid = (
        "from keras.layers import BatchNormalization\nBatchNormalization(momentum=0.9)\n",
        "from keras.layers import BatchNormalization\nBatchNormalization(-1, 0.9)\n",
    )
    invalid = (
        ("from keras.layers.normalization import BatchNormalization\nBatchNormalization()\n",
         "from keras.layers.normalization import BatchNormalization\n"
         "BatchNormalization(momentum=0.99)\n"),
        ("import keras\nkeras.layers.BatchNormalization(axis=1)\n",
         "import keras\nkeras.layers.BatchNormalization(axis=1, momentum=0.99)\n"),
    )

    def value(self, node: cst.Call, layer: str) -> object:
        return self.context.settings.batchnorm_momentum


class ImplicitBatchNormEpsilon(PinnedDefaultRule):
    __doc__ = _docs("epsilon", 0.001, "batchnorm-epsilon", 1e-5)
    code = "KL202"
    name = "implicit-batchnorm-epsilon"
    summary = "BatchNormalization relies on the implicit `epsilon` default"
    fix_title = "Pin `epsilon`"
    argument = "epsilon"
    valid = (
        "from keras.layers import BatchNormalization\nBatchNormalization(epsilon=1e-5)\n",
        "from keras.layers import BatchNormalization\nBatchNormalization(-1, 0.9, 1e-5)\n",
    )
    invalid = (
        ("from keras.layers import BatchNormalization\nBatchNormalization(axis=3)\n",
         "from keras.layers import BatchNormalization\n"
         "BatchNormalization(axis=3, epsilon=0.001)\n"),
    )

    def value(self, node: cst.Call, layer: str) -> object:
        return self.context.settings.batchnorm_epsilon


class FrozenBatchNormalization(Rule):
    """
    ## What it does
    Finds BatchNormalization layers that are frozen: `BatchNormalization(trainable=False)`,
    `bn.trainable = False` on a name bound to one, and models or layer loops frozen in a
    module that builds BatchNormalization layers or uses a keras.applications model that
    has them (`base.trainable = False`, `for layer in model.layers: layer.trainable = False`).

    ## Why is this bad?
    In Keras 2.2.4 a frozen BatchNormalization layer still normalized with the statistics
    of the current batch during training; only its moving averages stopped updating. Since
    TF 2.0 a layer with `trainable=False` runs in *inference mode*: it normalizes with the
    moving averages. Fine-tuning a frozen pretrained base therefore computes something
    different from what it computed in 2.2.4, and usually reaches a different accuracy.

    ## Example
    ```python
    base = ResNet50(weights='imagenet', include_top=False)
    base.trainable = False
    ```

    ## Use instead
    On TF <= 2.15 or tf-keras (`target = "keras2"`),
    `tf.compat.v1.keras.layers.BatchNormalization` keeps the 2.2.4 behaviour. On Keras 3
    there is no equivalent: decide whether inference-mode BatchNormalization is what you
    want (it usually is for fine-tuning), and re-validate the model.

    ## Fix safety
    Display-only: `--fix` never applies it. On `keras2`, `BatchNormalization(trainable=False)`
    shows the compat.v1 layer as a fix to review (`--output-format full` or `json`); it
    keeps 2.2.4's behaviour but is a different class, so saved models and code that checks
    layer types can change. Elsewhere the finding explains the difference.
    """

    code = "KL203"
    name = "frozen-batchnorm"
    summary = "Frozen BatchNormalization runs in inference mode since TF 2.0"
    valid = (
        "from keras.layers import BatchNormalization\nbn = BatchNormalization()\n",
        "from keras.layers import Dense\nd = Dense(3)\nd.trainable = False\n",
    )
    invalid = (
        ("from keras.layers import BatchNormalization\nbn = BatchNormalization(trainable=False)\n",
         "from keras.layers import BatchNormalization\nbn = BatchNormalization(trainable=False)\n"),
        ("from keras.layers import BatchNormalization\nbn = BatchNormalization()\nbn.trainable = False\n",
         "from keras.layers import BatchNormalization\nbn = BatchNormalization()\nbn.trainable = False\n"),
        ("from keras.applications import ResNet50\nbase = ResNet50()\n"
         "for layer in base.layers:\n    layer.trainable = False\n",
         "from keras.applications import ResNet50\nbase = ResNet50()\n"
         "for layer in base.layers:\n    layer.trainable = False\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._batchnorm_names: set[str] = set()  # names assigned a BatchNormalization(...)
        self._builds_batchnorm = False  # the module makes BN layers (KL204 makes them 2.2.4's)
        self._applies_batchnorm = False  # ... or a keras.applications model that has them
        self._frozen: list[tuple[cst.CSTNode, str | None]] = []  # (node, target name)

    def visit_Call(self, node: cst.Call) -> None:
        table = self.context.table
        if table.layer_of(node.func) == "BatchNormalization":
            self._builds_batchnorm = True
            if _is_false(calls.argument(node, "trainable", None)) and not self._own_layers_fixed():
                self._report_frozen_layer(node)
            return
        found = table.keras_name(node.func)
        if found and found[0].startswith("keras.applications") and found[1] in APPLICATIONS_WITH_BATCHNORM:
            self._applies_batchnorm = True

    def visit_Assign(self, node: cst.Assign) -> None:
        if (len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)
                and isinstance(node.value, cst.Call)
                and self.context.table.layer_of(node.value.func) == "BatchNormalization"):
            self._batchnorm_names.add(node.targets[0].target.value)
        for target in node.targets:
            attribute = target.target
            if (isinstance(attribute, cst.Attribute) and attribute.attr.value == "trainable"
                    and _is_false(node.value)):
                owner = attribute.value.value if isinstance(attribute.value, cst.Name) else None
                self._frozen.append((node, owner))

    def leave_Module(self, node: cst.Module) -> None:
        for statement, owner in self._frozen:
            if owner in self._batchnorm_names:
                if not self._own_layers_fixed():
                    self.report(statement, self._message(f"`{owner}.trainable = False`"))
            elif self._applies_batchnorm or (self._builds_batchnorm and not self._own_layers_fixed()):
                self.report(statement, self._message("Freezing layers here", maybe=True))

    def _own_layers_fixed(self) -> bool:
        """KL204 makes the module's own BatchNormalization layers 2.2.4's, frozen ones too."""
        return "KL204" in self.context.enabled and self.context.settings.target in BATCHNORM_224_TARGETS

    def _report_frozen_layer(self, node: cst.Call) -> None:
        """On keras2, show (never apply) the compat.v1 layer that keeps 2.2.4's behaviour."""
        message = self._message("`BatchNormalization(trainable=False)`")
        table = self.context.table
        tf_ok = tf_free(table)
        if self.context.settings.target != "keras2" or not tf_ok:
            self.report(node, message)
            return
        compat = cst.parse_expression(V1_BATCHNORM)
        self.report(node, message, transform=lambda updated: updated.with_changes(func=compat),
                    applicability=Applicability.DISPLAY_ONLY, imports=(Import("tensorflow", None, "tf"),),
                    fix_title=f"Use `{V1_BATCHNORM}` (TF <= 2.15, tf-keras)")

    def _message(self, what: str, maybe: bool = False) -> str:
        subject = "may freeze BatchNormalization, which" if maybe else "freezes BatchNormalization, which"
        escape = (f"; {V1_BATCHNORM} keeps 2.2.4's behaviour"
                  if self.context.settings.target == "keras2" else "; Keras 3 has no equivalent")
        return (f"{what} {subject} runs in inference mode since TF 2.0 (Keras 2.2.4 "
                f"used batch statistics){escape}")


def _is_false(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.Name) and node.value == "False"


class BatchNormMovingStatistics(Rule):
    """
    ## What it does
    Makes every `BatchNormalization` layer Keras 2.2.4's: `BatchNormalization(...)` becomes
    `BatchNormalization_224(...)`, a subclass of tf.keras's that keraslint adds to the module
    once, which keeps 2.2.4's moving statistics and 2.2.4's frozen layers.

    ## Why is this bad?
    2.2.4 (TensorFlow backend) zero-debiased the moving mean and variance, so after one
    training step the moving mean was the batch mean; tf.keras keeps a plain moving average
    from 0 and 1, which takes about `1 / (1 - momentum)` steps (100 at 0.99) to catch up:
    a model evaluated early in training gives other results. 2.2.4 also applied Bessel's
    correction to the batch variance, which Keras 3 never does: a lasting difference of
    `n / (n - 1)` in the moving variance. And since TF 2.0 a layer with `trainable=False`
    normalizes with its moving statistics, where 2.2.4 used the batch's (KL203).

    ## Example
    ```python
    x = BatchNormalization(momentum=0.99, epsilon=0.001)(x)
    ```

    ## Use instead
    ```python
    class BatchNormalization_224(tf.keras.layers.BatchNormalization):
        ...  # 2.2.4's moving statistics (added once)

    x = BatchNormalization_224(momentum=0.99, epsilon=0.001)(x)
    ```

    ## Fix safety
    Safe: training and evaluation give 2.2.4's numbers (the tests train both and compare).
    The layer is an instance of tf.keras's class, with the same weights; the debiasing state
    is not a weight (2.2.4 did not save it either), and a saved model records
    `BatchNormalization`, so any program loads it (as tf.keras's layer).
    """

    code = "KL204"
    name = "batchnorm-moving-statistics"
    summary = "BatchNormalization keeps its moving statistics differently from 2.2.4"
    fix_title = "Use Keras 2.2.4's BatchNormalization"
    valid = ("from keras.layers import Dense\nDense(3)\n",)
    invalid = (
        ("import tensorflow as tf\nfrom keras.layers import BatchNormalization\nBatchNormalization()\n",
         "import tensorflow as tf\nfrom keras.layers import BatchNormalization\n\n\n" + BATCHNORM_224_CODE
         + "\n\nBatchNormalization_224()\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.table.layer_of(node.func) != "BatchNormalization":
            return
        message = ("BatchNormalization's moving mean and variance are not zero-debiased nor "
                   "Bessel-corrected as in Keras 2.2.4")
        table = self.context.table
        if self.context.settings.target not in BATCHNORM_224_TARGETS:
            return
        if not tf_free(table) \
                or not definable(table, BATCHNORM_224_NAME):
            self.report(node, message + "; use 2.2.4's layer by hand (`tf` or its name is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: updated.with_changes(func=cst.Name(BATCHNORM_224_NAME)),
            imports=(Import("tensorflow", None, "tf"),),
            definitions=(Definition(BATCHNORM_224_NAME, BATCHNORM_224_CODE),),
        )
