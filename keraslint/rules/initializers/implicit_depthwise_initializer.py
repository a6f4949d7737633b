"""KL104: a separable or depthwise conv call that relies on the `depthwise_initializer` default."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.initializers._initializer_docs import initializer_docs


class ImplicitDepthwiseInitializer(PinnedDefaultRule):
    __doc__ = initializer_docs(
        "depthwise_initializer", "SeparableConv1D, SeparableConv2D and DepthwiseConv2D",
        "glorot_uniform", "DepthwiseConv2D((3, 3))",
        "DepthwiseConv2D((3, 3), depthwise_initializer='glorot_uniform')",
    )
    code = "KL104"
    name = "implicit-depthwise-initializer"
    summary = "Separable/depthwise conv call relies on the implicit `depthwise_initializer`"
    fix_title = "Pin `depthwise_initializer`"
    argument = "depthwise_initializer"
    cases = (
        Valid("""
            from keras.layers import DepthwiseConv2D
            DepthwiseConv2D(3, depthwise_initializer='ones')
            """),
        Invalid(
            """
            from keras.layers import DepthwiseConv2D
            DepthwiseConv2D(3)
            """,
            fixed="""
            from keras.layers import DepthwiseConv2D
            DepthwiseConv2D(3, depthwise_initializer='glorot_uniform')
            """,
            message="`DepthwiseConv2D` relies on the implicit `depthwise_initializer` default",
        ),
    )
