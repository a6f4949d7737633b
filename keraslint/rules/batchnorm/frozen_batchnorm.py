"""KL203: a frozen BatchNormalization layer, which runs in inference mode since TF 2.0."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.layers import APPLICATIONS_WITH_BATCHNORM, BATCHNORM_224_TARGETS, V1_BATCHNORM
from keraslint.lazycst import cst
from keraslint.rule import Import, Invalid, Matches, Rule, Valid, tf_free
from keraslint.keras224.targets import Target


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
    cases = (
        Valid("""
            from keras.layers import BatchNormalization
            bn = BatchNormalization()
            """),
        Valid("""
            from keras.layers import Dense
            d = Dense(3)
            d.trainable = False
            """),
        Invalid(
            """
            from keras.layers import BatchNormalization
            bn = BatchNormalization(trainable=False)
            """,
            fixed=None,
            message=("`BatchNormalization(trainable=False)` freezes BatchNormalization, which runs in "
                     "inference mode since TF 2.0 (Keras 2.2.4 used batch statistics); Keras 3 has no "
                     "equivalent"),
        ),
        Invalid(
            """
            from keras.layers import BatchNormalization
            bn = BatchNormalization()
            bn.trainable = False
            """,
            fixed=None,
            message=("`bn.trainable = False` freezes BatchNormalization, which runs in inference mode since TF "
                     "2.0 (Keras 2.2.4 used batch statistics); Keras 3 has no equivalent"),
        ),
        Invalid(
            """
            from keras.applications import ResNet50
            base = ResNet50()
            for layer in base.layers:
                layer.trainable = False
            """,
            fixed=None,
            message=("Freezing layers here may freeze BatchNormalization, which runs in inference mode since "
                     "TF 2.0 (Keras 2.2.4 used batch statistics); Keras 3 has no equivalent"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._batchnorm_names: set[str] = set()  # names assigned a BatchNormalization(...)
        self._builds_batchnorm = False  # the module makes BN layers (KL204 makes them 2.2.4's)
        self._applies_batchnorm = False  # ... or a keras.applications model that has them
        self._frozen: list[tuple[ast.Assign, str | None]] = []  # (node, target name)

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        keras = self.context.keras
        if keras.layer_of(node.func) == "BatchNormalization":
            self._builds_batchnorm = True
            if _is_false(calls.argument(node, "trainable", None)) and not self._own_layers_fixed():
                self._report_frozen_layer(node)
            return
        found = keras.keras_name(node.func)
        if found and found[0].startswith("keras.applications") and found[1] in APPLICATIONS_WITH_BATCHNORM:
            self._applies_batchnorm = True

    def visit_Assign(self, node: ast.Assign) -> None:
        if (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Call)
                and self.context.keras.layer_of(node.value.func) == "BatchNormalization"):
            self._batchnorm_names.add(node.targets[0].id)
        for attribute in node.targets:
            if (isinstance(attribute, ast.Attribute) and attribute.attr == "trainable"
                    and _is_false(node.value)):
                owner = attribute.value.id if isinstance(attribute.value, ast.Name) else None
                self._frozen.append((node, owner))

    def leave_Module(self, node: ast.Module) -> None:
        for statement, owner in self._frozen:
            if owner in self._batchnorm_names:
                if not self._own_layers_fixed():
                    self.report(statement, self._message(f"`{owner}.trainable = False`"))
            elif self._applies_batchnorm or (self._builds_batchnorm and not self._own_layers_fixed()):
                self.report(statement, self._message("Freezing layers here", maybe=True))

    def _own_layers_fixed(self) -> bool:
        """KL204 makes the module's own BatchNormalization layers 2.2.4's, frozen ones too."""
        return "KL204" in self.context.enabled and self.context.settings.target in BATCHNORM_224_TARGETS

    def _report_frozen_layer(self, node: ast.Call) -> None:
        """On keras2, show (never apply) the compat.v1 layer that keeps 2.2.4's behaviour."""
        message = self._message("`BatchNormalization(trainable=False)`")
        table = self.context.table
        tf_ok = tf_free(table)
        if self.context.settings.target != Target.KERAS2 or not tf_ok:
            self.report(node, message)
            return
        self.report(node, message,
                    transform=lambda updated: updated.with_changes(func=cst.parse_expression(V1_BATCHNORM)),
                    applicability=Applicability.DISPLAY_ONLY, imports=(Import("tensorflow", None, "tf"),),
                    fix_title=f"Use `{V1_BATCHNORM}` (TF <= 2.15, tf-keras)")

    def _message(self, what: str, maybe: bool = False) -> str:
        subject = "may freeze BatchNormalization, which" if maybe else "freezes BatchNormalization, which"
        escape = (f"; {V1_BATCHNORM} keeps 2.2.4's behaviour"
                  if self.context.settings.target == Target.KERAS2 else "; Keras 3 has no equivalent")
        return (f"{what} {subject} runs in inference mode since TF 2.0 (Keras 2.2.4 "
                f"used batch statistics){escape}")


def _is_false(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is False
