"""KL502: Conv2D/Conv3D kernel dimensions as separate positional arguments (Keras 1)."""

from __future__ import annotations

import ast
from collections import Counter

from keraslint import call_edits, calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.keras1 import KERNEL_KEYWORDS, POSITIONAL_KERNEL_DIMS
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid


class PositionalKernelDimensions(Rule):
    """
    ## What it does
    Finds `Conv2D(filters, rows, cols)` and `Conv3D(filters, d1, d2, d3)` with the kernel
    dimensions as separate positional arguments (the Keras-1 form, also through the
    `Convolution2D` alias), and writes them as one `kernel_size` tuple.

    ## Why is this bad?
    Keras 2.2.4 turned `Convolution2D(32, 3, 3)` into `kernel_size=(3, 3)`. tf.keras reads
    the third positional argument as `strides`: the same call builds a layer with
    `kernel_size=3, strides=3` without any error, and the model trains on a third of the
    positions. (`Conv3D(8, 3, 3, 3)` fails outright.)

    ## Example
    ```python
    model.add(Convolution2D(32, 3, 3, activation='relu'))
    ```

    ## Use instead
    ```python
    model.add(Convolution2D(32, (3, 3), activation='relu'))
    ```

    ## Fix safety
    Safe when the dimensions are integer literals, or names the module binds once, to an
    integer literal (`nb_conv = 3`, `nb_pool, nb_conv = 2, 3`): 2.2.4 converted exactly
    `int`s. Unsafe for other names and expressions: 2.2.4 converted them only if they were
    `int`s at run time.
    """

    code = "KL502"
    name = "positional-kernel-dimensions"
    summary = "`Conv2D(f, rows, cols)`: tf.keras reads `cols` as strides"
    fix_title = "Pass one `kernel_size` tuple"
    cases = (
        Valid("""
            from keras.layers import Conv2D
            Conv2D(32, (3, 3), (2, 2))
            """),
        Valid("""
            from keras.layers import Conv2D
            Conv2D(32, 3)
            """),
        Invalid(
            """
            from keras.layers import Convolution2D
            Convolution2D(32, 3, 3, activation='relu')
            """,
            fixed="""
            from keras.layers import Convolution2D
            Convolution2D(32, (3, 3), activation='relu')
            """,
            message=("`Conv2D` gets 2 kernel dimensions by position; tf.keras reads them as kernel_size, "
                     "strides"),
        ),
        Invalid(
            """
            import keras
            keras.layers.Conv3D(8, 3, 3, 3)
            """,
            fixed="""
            import keras
            keras.layers.Conv3D(8, (3, 3, 3))
            """,
            message=("`Conv3D` gets 3 kernel dimensions by position; tf.keras reads them as kernel_size, "
                     "strides, padding"),
        ),
        Invalid(
            """
            import keras
            keras.layers.Conv3D(8, 3, kernel_dim2=3, kernel_dim3=1)
            """,
            fixed="""
            import keras
            keras.layers.Conv3D(8, (3, 3, 1))
            """,
            message="`Conv3D(kernel_dim2=, kernel_dim3=)` is the Keras-1 kernel size; tf.keras rejects it",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._calls: list[tuple[ast.Call, str, int, list[ast.expr]]] = []
        self._int_names: Counter[str] = Counter()

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        cls = self.context.keras.keras_class(node.func)
        dims = POSITIONAL_KERNEL_DIMS.get(cls or "")
        if not dims or calls.has_star_args(node):
            return
        if KERNEL_KEYWORDS[dims][-1] in calls.keyword_names(node):
            self._kernel_keywords(node, cls, KERNEL_KEYWORDS[dims])
            return
        if len(node.args) != 1 + dims:
            return
        kernel = node.args[1:]
        if any(isinstance(k, (ast.Tuple, ast.List)) for k in kernel):
            return
        self._calls.append((node, cls, dims, kernel))

    def visit_Assign(self, node: ast.Assign) -> None:
        """``nb_conv = 3`` and ``nb_pool, nb_conv = 2, 3``: names bound to int literals."""
        for target in node.targets:
            pairs = [(target, node.value)]
            if isinstance(target, (ast.Tuple, ast.List)) and isinstance(node.value, (ast.Tuple, ast.List)) \
                    and len(target.elts) == len(node.value.elts):
                pairs = [(calls.unstarred(t), calls.unstarred(v)) for t, v in zip(target.elts, node.value.elts)]
            for name, value in pairs:
                if type(name) is ast.Name and calls.is_int(value):
                    self._int_names[name.id] += 1

    def leave_Module(self, node: ast.Module) -> None:
        for call, cls, dims, kernel in self._calls:
            safe = all(calls.is_int(k) or self._int_constant(k) for k in kernel)
            self.report(
                call,
                f"`{cls}` gets {dims} kernel dimensions by position; tf.keras reads them as "
                f"kernel_size, strides{', padding' if dims == 3 else ''}",
                transform=_kernel_tuple(dims),
                applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
            )

    def _int_constant(self, node: ast.expr) -> bool:
        """A name the module binds once, to an int literal: an int wherever it is read."""
        return type(node) is ast.Name and self._int_names[node.id] == 1 \
            and self.context.table.binding_count(node.id) == 1


    def _kernel_keywords(self, node: ast.Call, cls: str, keywords: tuple[str, ...]) -> None:
        """`Conv2D(f, r, nb_col=c)`, `Conv3D(f, kernel_dim1=a, kernel_dim2=b, kernel_dim3=c)`:
        2.2.4 took the first dimensions by position and the rest by keyword."""
        names = calls.keyword_names(node)
        by_position = max(calls.positional_count(node) - 1, 0)  # filters= may be a keyword too
        if by_position >= len(keywords):
            return
        if any(k in names for k in keywords[:by_position]) or not all(k in names for k in keywords[by_position:]):
            return

        def transform(updated: cst.Call) -> cst.Call:
            kernel = call_edits.tuple_of(
                [call_edits.argument(updated, "", 1 + i) for i in range(by_position)]
                + [call_edits.argument(updated, k, None) for k in keywords[by_position:]]
            )
            for keyword in keywords[by_position:]:
                updated = call_edits.remove_keyword(updated, keyword)
            for _ in range(by_position - 1):
                updated = call_edits.remove_positional(updated, 2)
            if by_position:
                return call_edits.set_positional_value(updated, 1, kernel)
            return call_edits.add_keywords(updated, [("kernel_size", kernel)])

        self.report(node, f"`{cls}({', '.join(f'{k}=' for k in keywords[by_position:])})` is the Keras-1 "
                          "kernel size; tf.keras rejects it", transform=transform)


def _kernel_tuple(dims: int):
    def transform(updated: cst.Call) -> cst.Call:
        args = list(updated.args)
        positions = [i for i, arg in enumerate(args) if arg.keyword is None][1:1 + dims]
        # Inside the tuple, each dimension keeps its own comma (and any comment after it).
        elements = [
            cst.Element(args[i].value, comma=args[i].comma if n < dims - 1 else cst.MaybeSentinel.DEFAULT)
            for n, i in enumerate(positions)
        ]
        merged = args[positions[0]].with_changes(value=cst.Tuple(elements), comma=args[positions[-1]].comma)
        return updated.with_changes(args=[*args[:positions[0]], merged, *args[positions[-1] + 1:]])
    return transform
