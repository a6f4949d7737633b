"""KL201: a BatchNormalization call that relies on the `momentum` default."""

from __future__ import annotations

import ast

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.batchnorm._pin_docs import pin_docs


class ImplicitBatchNormMomentum(PinnedDefaultRule):
    __doc__ = pin_docs("momentum", 0.99, "batchnorm-momentum", 0.9)

    code = "KL201"
    name = "implicit-batchnorm-momentum"
    summary = "BatchNormalization relies on the implicit `momentum` default"
    fix_title = "Pin `momentum`"
    argument = "momentum"
    cases = (
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(momentum=0.9)
            """),
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(-1, 0.9)
            """),
        Invalid(
            """
            from keras.layers.normalization import BatchNormalization
            BatchNormalization()
            """,
            fixed="""
            from keras.layers.normalization import BatchNormalization
            BatchNormalization(momentum=0.99)
            """,
            message="`BatchNormalization` relies on the implicit `momentum` default",
        ),
        Invalid(
            """
            import keras
            keras.layers.BatchNormalization(axis=1)
            """,
            fixed="""
            import keras
            keras.layers.BatchNormalization(axis=1, momentum=0.99)
            """,
            message="`BatchNormalization` relies on the implicit `momentum` default",
        ),
        Invalid(
            """
            from keras.layers import BatchNormalization
            BatchNormalization(**options)
            """,
            fixed=None,
            message=("`BatchNormalization` relies on the implicit `momentum` default (`*args`/`**kwargs` "
                     "may hide it); pin `momentum=0.99` by hand"),
        ),
    )

    def value(self, node: ast.Call, layer: str) -> object:
        return self.context.settings.batchnorm_momentum
