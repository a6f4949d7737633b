"""KL8xx: arguments of Keras layers that tf.keras reads more strictly than Keras 2.2.4."""

from __future__ import annotations

from collections import Counter

import libcst as cst

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.arguments import (
    ACTIVATION_LAYER,
    ACTIVATION_PARAMETERS,
    CUSTOM_OBJECT_STRING_TARGETS,
    CUSTOM_OBJECTS,
    INTEGER_PARAMETERS,
    NAME_CHARACTER_TARGETS,
    NAME_CHARACTERS_REFUSED,
    NAME_LOOKUPS,
    NUMPY,
)
from keraslint.diagnostics import Applicability
from keraslint.keras224.layers import SIGNATURES
from keraslint.rule import Rule


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
    valid = (
        "import numpy as np\nfrom keras.layers import Dense\nDense(int(np.prod(s)))\n",
        "import numpy as np\nfrom keras.layers import Dense\nDense(x.shape[1])\n",
        "import numpy as np\nfrom keras.layers import Dropout\nDropout(np.float32(0.5))\n",
    )
    invalid = (
        ("import numpy as np\nfrom keras.layers import Embedding\nEmbedding(10, np.prod(shape))\n",
         "import numpy as np\nfrom keras.layers import Embedding\nEmbedding(10, int(np.prod(shape)))\n"),
        ("import numpy as np\nfrom keras.layers import Dense\nn = np.max(y) + 1\nDense(n, activation='softmax')\n",
         "import numpy as np\nfrom keras.layers import Dense\nn = np.max(y) + 1\nDense(int(n), activation='softmax')\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._numpy_names: Counter[str] = Counter()  # names bound to numpy values
        self._candidates: list[tuple[cst.BaseExpression, str]] = []  # (argument, layer)

    def _numpy(self, node: cst.CSTNode) -> bool:
        """Whether the expression calls a numpy function (and is not converted)."""
        if isinstance(node, cst.Call):
            if isinstance(node.func, cst.Name) and node.func.value in ("int", "float", "len", "round"):
                return False
            head = (dotted_name(node.func) or "").split(".")[0]
            if self.context.table.foreign_modules.get(head, "").split(".")[0] == NUMPY:
                return True
        return any(self._numpy(child) for child in node.children)

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._numpy(node.value):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self._numpy_names[target.target.value] += 1

    def visit_Call(self, node: cst.Call) -> None:
        layer = self.context.table.keras_class(node.func)
        if layer is None or calls.has_star_args(node):
            return
        parameters = SIGNATURES.get(layer, ("", ()))[1]
        positional = [a for a in node.args if a.keyword is None]
        for index, arg in enumerate(node.args):
            name = arg.keyword.value if arg.keyword is not None else (
                parameters[positional.index(arg)] if positional.index(arg) < len(parameters) else None)
            if name not in INTEGER_PARAMETERS:
                continue
            values = arg.value.elements if isinstance(arg.value, (cst.Tuple, cst.List)) else [arg]
            for value in values:
                self._candidates.append((value.value, layer))

    def leave_Module(self, node: cst.Module) -> None:
        table = self.context.table
        for value, layer in self._candidates:
            numpy_name = isinstance(value, cst.Name) and self._numpy_names[value.value] == 1 \
                and table.binding_count(value.value) == 1
            if not (numpy_name or self._numpy(value)):
                continue
            self.report(
                value,
                f"`{layer}` gets a numpy integer, which Keras 3 rejects; 2.2.4 took it as an int",
                transform=lambda updated: cst.Call(func=cst.Name("int"), args=[cst.Arg(
                    updated.with_changes(lpar=[], rpar=[]))]),
            )


class CustomActivationName(Rule):
    """
    ## What it does
    On the `keras3` target, finds activations given by a name that the module registers with
    `get_custom_objects()` (`get_custom_objects().update({'swish': swish})`, or
    `get_custom_objects()['swish'] = swish`), and passes the registered function instead of
    the name: `Activation('swish')` becomes `Activation(swish)`.

    ## Why is this bad?
    Keras 2.2.4 looked an activation name up in the custom objects first. Keras 3 looks it up
    only among its own activations: a name it does not know raises ("Could not interpret
    activation function identifier"), and one it does know (`'swish'`, `'gelu'`) silently
    gives Keras 3's function instead of the user's.

    ## Example
    ```python
    get_custom_objects().update({'swish': swish})
    x = Dense(64, activation='swish')(x)
    ```

    ## Use instead
    ```python
    get_custom_objects().update({'swish': swish})
    x = Dense(64, activation=swish)(x)
    ```

    ## Fix safety
    Safe: the function 2.2.4 used, and the registration stays, so that a saved model loads
    with it again. Only names registered with a function the module defines once are
    replaced.
    """

    code = "KL802"
    name = "custom-activation-name"
    summary = "An activation registered by name: Keras 3 does not look custom objects up"
    fix_title = "Pass the registered function"
    valid = ("from keras.layers import Dense\nDense(3, activation='relu')\n",)
    invalid = (
        ("from keras.layers import Dense\nfrom keras.utils.generic_utils import get_custom_objects\n"
         "def swish(x): return x\nget_custom_objects().update({'swish': swish})\nDense(3, activation='swish')\n",
         "from keras.layers import Dense\nfrom keras.utils.generic_utils import get_custom_objects\n"
         "def swish(x): return x\nget_custom_objects().update({'swish': swish})\nDense(3, activation=swish)\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._registered: dict[str, str] = {}  # name -> the function registered under it
        self._strings: list[cst.SimpleString] = []

    def _custom_objects(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Call):
            return False
        found = self.context.table.keras_name(node.func)
        return found is not None and ".".join(found) in CUSTOM_OBJECTS

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "update" and self._custom_objects(func.value) \
                and len(node.args) == 1 and isinstance(node.args[0].value, cst.Dict):
            for element in node.args[0].value.elements:
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) \
                        and isinstance(element.value, cst.Name):
                    self._registered[element.key.evaluated_value] = element.value.value
            return
        layer = self.context.table.keras_class(func)
        if layer is None:
            return
        for arg in node.args:
            named = arg.keyword.value if arg.keyword is not None else None
            first = layer == ACTIVATION_LAYER and arg is node.args[0] and named is None
            if (named in ACTIVATION_PARAMETERS or first) and isinstance(arg.value, cst.SimpleString):
                self._strings.append(arg.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            subscript = target.target
            if isinstance(subscript, cst.Subscript) and self._custom_objects(subscript.value) \
                    and len(subscript.slice) == 1 and isinstance(subscript.slice[0].slice, cst.Index) \
                    and isinstance(subscript.slice[0].slice.value, cst.SimpleString) \
                    and isinstance(node.value, cst.Name):
                self._registered[subscript.slice[0].slice.value.evaluated_value] = node.value.value

    def leave_Module(self, node: cst.Module) -> None:
        if self.context.settings.target not in CUSTOM_OBJECT_STRING_TARGETS:
            return
        table = self.context.table
        for string in self._strings:
            function = self._registered.get(string.evaluated_value)
            if function is None or function not in table.functions or table.binding_count(function) != 1:
                continue
            self.report(
                string,
                f"activation {string.evaluated_value!r} is registered with get_custom_objects(), "
                f"which Keras 3 does not look activations up in",
                transform=lambda updated, function=function: cst.Name(function),
            )


class LayerNameCharacter(Rule):
    """
    ## What it does
    On the `keras3` target, finds layer and model names that contain a `/`, written in a Keras
    call's `name=` (also as a piece of a name built from strings, `name=prefix + '/conv'`, in
    a call of the module's own or the project's functions that pass it on), and the same
    names looked up with `get_layer('...')`. The fix writes `_` instead of `/` in those strings.

    ## Why is this bad?
    Keras 2.2.4 (and TF 2.15) took any name; TensorFlow used `/` for its name scopes, and model
    zoos named layers after the original networks (`conv1/7x7_s2`). Keras 3 raises when such a
    layer is made ("Argument `name` must be a string and cannot contain character `/`"), so the
    model does not build at all.

    ## Example
    ```python
    x = Conv2D(64, (7, 7), name='conv1/7x7_s2')(x)
    x = conv_block(x, name=name + '/conv')
    ```

    ## Use instead
    ```python
    x = Conv2D(64, (7, 7), name='conv1_7x7_s2')(x)
    x = conv_block(x, name=name + '_conv')
    ```

    ## Fix safety
    Unsafe: the layers' names change, and with them their weights' names: an HDF5 file written
    by 2.2.4 no longer loads `by_name=True` into them, and a name looked up in another module or
    read from a file is not rewritten. Without the fix the model does not build on Keras 3.
    """

    code = "KL804"
    name = "layer-name-character"
    summary = "A `/` in a layer name: Keras 3 refuses it"
    fix_title = "Write `_` instead of `/` in the name"
    valid = (
        "from keras.layers import Dense\nDense(2, name='fc6_relu')\n",
        "import tensorflow as tf\nwith tf.name_scope('block/conv'):\n    pass\n",
        "import os\nos.path.join(name='a/b')\n",
        "from keras.layers import Dense\nDense(2, name=scope)\n",
    )
    invalid = (
        ("from keras.layers import Dense\nDense(2, name='fc6/relu')\n",
         "from keras.layers import Dense\nDense(2, name='fc6_relu')\n"),
        ("from keras import layers\nfrom .common import conv_block\n"
         "def f(x, name):\n    return conv_block(x, name=name + '/conv')\n",
         "from keras import layers\nfrom .common import conv_block\n"
         "def f(x, name):\n    return conv_block(x, name=name + '_conv')\n"),
        ("from keras.layers import Dense\nDense(2, name=f'{stage}/fc')\nmodel.get_layer('fc6/relu')\n",
         "from keras.layers import Dense\nDense(2, name=f'{stage}_fc')\nmodel.get_layer('fc6_relu')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in NAME_CHARACTER_TARGETS:
            return
        func = node.func
        lookup = isinstance(func, cst.Attribute) and func.attr.value in NAME_LOOKUPS
        if not lookup and not self._may_name_a_layer(func):
            return
        for index, arg in enumerate(node.args):
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword == "name" or (lookup and index == 0 and keyword is None):
                for piece in _string_pieces(arg.value):
                    self._report_piece(piece)

    def _may_name_a_layer(self, func: cst.BaseExpression) -> bool:
        """A Keras call, or a function of the module or the project (which may pass the name to
        one); not another library's (``tf.name_scope``, ``os.path.join``)."""
        table = self.context.table
        if table.keras_name(func) is not None:
            return True
        if table.qualify(func) is not None:
            return False
        head = (dotted_name(func) or "").split(".")[0]
        return bool(head) and head not in table.foreign_modules

    def _report_piece(self, piece: cst.CSTNode) -> None:
        text = piece.value
        refused = [c for c in NAME_CHARACTERS_REFUSED if c in text]
        if not refused:
            return

        def replace_characters(updated: cst.CSTNode) -> cst.CSTNode:
            value = updated.value
            for character, replacement in NAME_CHARACTERS_REFUSED.items():
                value = value.replace(character, replacement)
            return updated.with_changes(value=value)
        self.report(piece, f"A layer name with `{refused[0]}`, which Keras 3 refuses; 2.2.4 took it",
                    transform=replace_characters, applicability=Applicability.UNSAFE)


def _string_pieces(value: cst.BaseExpression) -> list[cst.CSTNode]:
    """The literal pieces a name is built from: a string, the strings of ``+`` and ``%``, an
    f-string's text, implicitly concatenated strings, ``'...'.format(...)``'s template."""
    if isinstance(value, cst.SimpleString):
        return [] if "b" in value.prefix.lower() else [value]
    if isinstance(value, cst.FormattedString):
        return [part for part in value.parts if isinstance(part, cst.FormattedStringText)]
    if isinstance(value, cst.ConcatenatedString):
        return _string_pieces(value.left) + _string_pieces(value.right)
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, (cst.Add, cst.Modulo)):
        return _string_pieces(value.left) + (_string_pieces(value.right) if isinstance(value.operator, cst.Add) else [])
    if (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "format"):
        return _string_pieces(value.func.value)
    return []
