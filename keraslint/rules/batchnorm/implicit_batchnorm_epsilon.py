"""KL202: a BatchNormalization call that relies on the `epsilon` default."""

from __future__ import annotations

import ast

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.batchnorm._pin_docs import pin_docs


class ImplicitBatchNormEpsilon(PinnedDefaultRule):
    __doc__ = pin_docs("epsilon", 0.001, "batchnorm-epsilon", 1e-5)

    code = "KL202"
    name = "implicit-batchnorm-epsilon"
    summary = "BatchNormalization relies on the implicit `epsilon` default"
    fix_title = "Pin `epsilon`"
    argument = "epsilon"
    cases = (
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(epsilon=1e-5)
            """),
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(-1, 0.9, 1e-5)
            """),
        Invalid(
            """
            from keras.layers import BatchNormalization
            BatchNormalization(axis=3)
            """,
            fixed="""
            from keras.layers import BatchNormalization
            BatchNormalization(axis=3, epsilon=0.001)
            """,
            message="`BatchNormalization` relies on the implicit `epsilon` default",
        ),
    )

    def value(self, node: ast.Call, layer: str) -> object:
        return self.context.settings.batchnorm_epsilon
