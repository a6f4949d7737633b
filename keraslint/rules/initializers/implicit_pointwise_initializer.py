"""KL105: a separable conv call that relies on the `pointwise_initializer` default."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.initializers._initializer_docs import initializer_docs


class ImplicitPointwiseInitializer(PinnedDefaultRule):
    __doc__ = initializer_docs(
        "pointwise_initializer", "SeparableConv1D and SeparableConv2D", "glorot_uniform",
        "SeparableConv2D(64, (3, 3))",
        "SeparableConv2D(64, (3, 3), pointwise_initializer='glorot_uniform')",
    )
    code = "KL105"
    name = "implicit-pointwise-initializer"
    summary = "Separable conv call relies on the implicit `pointwise_initializer` default"
    fix_title = "Pin `pointwise_initializer`"
    argument = "pointwise_initializer"
    cases = (
        Valid("""
            from keras.layers import SeparableConv2D
            SeparableConv2D(8, 3, init='he_normal')
            """),
        Invalid(
            """
            from keras.layers import SeparableConv1D
            SeparableConv1D(8, 3)
            """,
            fixed="""
            from keras.layers import SeparableConv1D
            SeparableConv1D(8, 3, pointwise_initializer='glorot_uniform')
            """,
            message="`SeparableConv1D` relies on the implicit `pointwise_initializer` default",
        ),
    )
