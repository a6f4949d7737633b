"""KL603: an AveragePooling call without `pool_size`, which Keras 3 requires."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule


class AveragePoolingWithoutPoolSize(PinnedDefaultRule):
    """
    ## What it does
    Finds AveragePooling1D/2D/3D calls without `pool_size` and writes out the Keras 2.2.4
    default: `2`, `(2, 2)` or `(2, 2, 2)`.

    ## Why is this bad?
    Keras 3 made `pool_size` a required argument of the AveragePooling layers, so
    `AveragePooling2D()` fails with a `TypeError` on TF 2.16+.

    ## Example
    ```python
    x = AveragePooling2D()(x)
    ```

    ## Use instead
    ```python
    x = AveragePooling2D(pool_size=(2, 2))(x)
    ```

    ## Fix safety
    Safe: it is the 2.2.4 default, and every tf.keras accepts it.
    """

    code = "KL603"
    name = "average-pooling-without-pool-size"
    summary = "AveragePooling without `pool_size` fails on Keras 3"
    fix_title = "Pin `pool_size`"
    argument = "pool_size"
    message = "`{layer}` relies on the `pool_size` default, which Keras 3 removed"
    cases = (
        Valid("""
            from keras.layers import AveragePooling2D
            AveragePooling2D(3)
            """),
        Invalid(
            """
            from keras.layers import AveragePooling2D
            AveragePooling2D(padding='same')
            """,
            fixed="""
            from keras.layers import AveragePooling2D
            AveragePooling2D(padding='same', pool_size=(2, 2))
            """,
            message="`AveragePooling2D` relies on the `pool_size` default, which Keras 3 removed",
        ),
        Invalid(
            """
            from keras.layers import AveragePooling1D
            AveragePooling1D()
            """,
            fixed="""
            from keras.layers import AveragePooling1D
            AveragePooling1D(pool_size=2)
            """,
            message="`AveragePooling1D` relies on the `pool_size` default, which Keras 3 removed",
        ),
    )
