"""KL102: a recurrent layer call that relies on the `recurrent_initializer` default."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.initializers._initializer_docs import initializer_docs


class ImplicitRecurrentInitializer(PinnedDefaultRule):
    __doc__ = initializer_docs(
        "recurrent_initializer", "SimpleRNN, GRU, LSTM and ConvLSTM2D", "orthogonal",
        "LSTM(128)", "LSTM(128, recurrent_initializer='orthogonal')",
    )
    code = "KL102"
    name = "implicit-recurrent-initializer"
    summary = "Recurrent layer call relies on the implicit `recurrent_initializer` default"
    fix_title = "Pin `recurrent_initializer`"
    argument = "recurrent_initializer"
    cases = (
        Valid("""
            from keras.layers import LSTM
            LSTM(3, inner_init='orthogonal')
            """),
        Valid("""
            from keras.layers import Dense
            Dense(3)
            """),
        Invalid(
            """
            from keras.layers import GRU
            GRU(3)
            """,
            fixed="""
            from keras.layers import GRU
            GRU(3, recurrent_initializer='orthogonal')
            """,
            message="`GRU` relies on the implicit `recurrent_initializer` default",
        ),
    )
