"""The docs of KL201 and KL202, which pin one BatchNormalization default each."""

from __future__ import annotations


def pin_docs(argument: str, default: float, key: str, recipe: float) -> str:
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
