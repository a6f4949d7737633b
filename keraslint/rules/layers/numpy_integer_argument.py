"""KL801: a numpy integer passed as a layer's integer argument."""

from __future__ import annotations

import ast
from collections import Counter

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.arguments import INTEGER_PARAMETERS, NUMPY
from keraslint.keras224.layers import SIGNATURES
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid


class NumpyIntegerArgument(Rule):
    """
    ## What it does
    Finds integer arguments of Keras layers computed with numpy, such as
    `Dense(np.max(y_train) + 1)` or `Embedding(n, np.prod(img_shape))`, also through a name
    the module binds once to such a value (`num_classes = np.max(y) + 1`), and wraps them in
    `int(...)`.

    ## Why is this bad?
    numpy's functions return numpy integers (`np.int64`), not Python `int`s. Keras 2.2.4 took
    them; Keras 3 checks the type and raises (`Dense`: "Received an invalid value for
    `units`, expected a positive integer"; likewise `Embedding`, `RepeatVector`, `GRU`,
    `SimpleRNN`, and `kernel_size`/`pool_size`/`size` given as one number).

    ## Example
    ```python
    num_classes = np.max(y_train) + 1
    model.add(Dense(num_classes, activation='softmax'))
    ```

    ## Use instead
    ```python
    num_classes = np.max(y_train) + 1
    model.add(Dense(int(num_classes), activation='softmax'))
    ```

    ## Fix safety
    Safe: only parameters that take integers are wrapped, and the same number is passed.
    """

    code = "KL801"
    name = "numpy-integer-argument"
    summary = "A numpy integer as a layer size: Keras 3 wants a Python int"
    fix_title = "Pass `int(...)`"
    cases = (
        Valid("""
            import numpy as np
            from keras.layers import Dense
            Dense(int(np.prod(s)))
            """),
        Valid("""
            import numpy as np
            from keras.layers import Dense
            Dense(x.shape[1])
            """),
        Valid("""
            import numpy as np
            from keras.layers import Dropout
            Dropout(np.float32(0.5))
            """),
        Invalid(
            """
            import numpy as np
            from keras.layers import Embedding
            Embedding(10, np.prod(shape))
            """,
            fixed="""
            import numpy as np
            from keras.layers import Embedding
            Embedding(10, int(np.prod(shape)))
            """,
            message="`Embedding` gets a numpy integer, which Keras 3 rejects; 2.2.4 took it as an int",
        ),
        Invalid(
            """
            import numpy as np
            from keras.layers import Dense
            n = np.max(y) + 1
            Dense(n, activation='softmax')
            """,
            fixed="""
            import numpy as np
            from keras.layers import Dense
            n = np.max(y) + 1
            Dense(int(n), activation='softmax')
            """,
            message="`Dense` gets a numpy integer, which Keras 3 rejects; 2.2.4 took it as an int",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._numpy_names: Counter[str] = Counter()  # names bound to numpy values
        self._candidates: list[tuple[ast.expr, str]] = []  # (argument, layer)

    def _numpy_aliases(self) -> list[str]:
        """The names the module binds to numpy (``np``): a value that names none of them
        cannot call numpy."""
        modules = self.context.table.foreign_modules
        return [name for name, module in modules.items() if module.split(".")[0] == NUMPY]

    def _may_call_numpy(self, node: ast.AST) -> bool:
        text = calls.segment(node)
        return any(alias in text for alias in self._numpy_aliases())

    def _numpy(self, node: ast.AST) -> bool:
        """Whether the expression calls a numpy function (and is not converted)."""
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id in ("int", "float", "len", "round"):
                return False
            head = (dotted_name(node.func) or "").split(".")[0]
            if self.context.table.foreign_modules.get(head, "").split(".")[0] == NUMPY:
                return True
        return any(self._numpy(child) for child in ast.iter_child_nodes(node))

    def visit_Assign(self, node: ast.Assign) -> None:
        if self._may_call_numpy(node.value) and self._numpy(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self._numpy_names[target.id] += 1

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        layer = self.context.keras.keras_class(node.func)
        if layer is None or calls.has_star_args(node):
            return
        parameters = SIGNATURES.get(layer, ("", ()))[1]
        for name, value in [*zip(parameters, node.args), *((keyword.arg, keyword.value) for keyword in node.keywords)]:
            if name not in INTEGER_PARAMETERS:
                continue
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else [value]
            self._candidates.extend((v.value if isinstance(v, ast.Starred) else v, layer) for v in values)

    def leave_Module(self, node: ast.Module) -> None:
        table = self.context.table
        for value, layer in self._candidates:
            numpy_name = isinstance(value, ast.Name) and self._numpy_names[value.id] == 1 \
                and table.binding_count(value.id) == 1
            if not (numpy_name or (self._may_call_numpy(value) and self._numpy(value))):
                continue
            self.report(
                value,
                f"`{layer}` gets a numpy integer, which Keras 3 rejects; 2.2.4 took it as an int",
                transform=lambda updated: cst.Call(func=cst.Name("int"), args=[cst.Arg(
                    updated.with_changes(lpar=[], rpar=[]))]),
            )
