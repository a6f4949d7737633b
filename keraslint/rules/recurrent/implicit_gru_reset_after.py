"""KL402: a GRU call that relies on `reset_after`, False in Keras 2.2.4 and True now."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule


class ImplicitGruResetAfter(PinnedDefaultRule):
    """
    ## What it does
    Finds GRU calls (and GRUCell) that do not pass `reset_after`, and writes out the Keras
    2.2.4 value, `reset_after=False`.

    ## Why is this bad?
    tf.keras defaults to `reset_after=True` (the cuDNN-compatible variant), which applies
    the reset gate after the matrix product and has a second bias: a GRU(4) on 3 features
    has 96 parameters with `reset_after=False`, as in 2.2.4, and 108 without it. The model computes
    something else, and weights saved by Keras 2.2.4 no longer load.

    ## Example
    ```python
    x = GRU(64, return_sequences=True)(x)
    ```

    ## Use instead
    ```python
    x = GRU(64, return_sequences=True, reset_after=False)(x)
    ```

    ## Fix safety
    Safe: `reset_after=False` is the 2.2.4 architecture, accepted by every tf.keras. It
    rules out the cuDNN kernel on GPUs.
    """

    code = "KL402"
    name = "implicit-gru-reset-after"
    summary = "GRU relies on `reset_after`, False in Keras 2.2.4 and True now"
    fix_title = "Pin `reset_after=False`"
    argument = "reset_after"
    message = "`{layer}` relies on `reset_after`, False in Keras 2.2.4 and True now"
    cases = (
        Valid("""
            from keras.layers import GRU
            GRU(3, reset_after=True)
            """),
        Invalid(
            """
            from keras.layers import GRU
            GRU(3)
            """,
            fixed="""
            from keras.layers import GRU
            GRU(3, reset_after=False)
            """,
            message="`GRU` relies on `reset_after`, False in Keras 2.2.4 and True now",
        ),
    )
