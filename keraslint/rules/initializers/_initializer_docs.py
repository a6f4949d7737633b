"""The docs the KL101-KL105 rules share: the fix safety text, and the docs of KL102-KL105."""

FIX_SAFETY = """
    ## Fix safety
    Safe: the pinned value is the Keras 2.2.4 default, which is also tf.keras's, so
    the model is unchanged and the choice becomes visible. Calls with `*args` or
    `**kwargs` are reported without a fix, since the argument may be inside.
"""


def initializer_docs(argument: str, layers: str, default: str, example: str, fixed: str) -> str:
    return f"""
    ## What it does
    Finds calls to {layers} that do not pass `{argument}`, and writes out the Keras 2.2.4
    default, `{default!r}`.

    ## Why is this bad?
    A migrated model should make every choice it depends on visible, so that the next
    change of defaults cannot silently change how it trains.

    ## Example
    ```python
    {example}
    ```

    ## Use instead
    ```python
    {fixed}
    ```
    """ + FIX_SAFETY
