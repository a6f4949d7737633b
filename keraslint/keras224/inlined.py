"""Small Keras 2.2.4 helpers that tf.keras does not have, written out for the module that
imported them (KL001 replaces the import with the definition).

Each is keraslint's own code with 2.2.4's behaviour: the same results and the same
``ValueError`` messages (``tests/test_inlined.py`` calls both on the same arguments, the
original under real Keras 2.2.4). A template's ``{name}`` is the local name the import bound.
Only what is small and self-contained is here; other private helpers are reported (KL002).
"""

from __future__ import annotations

from types import MappingProxyType

_OBTAIN_INPUT_SHAPE = '''\
def {name}(input_shape, default_size, min_size, data_format, require_flatten, weights=None):
    """Keras 2.2.4's (keras_applications') _obtain_input_shape, which tf.keras does not export:
    the input shape of an application model, checked against its weights and top."""
    import warnings

    first = data_format == "channels_first"
    channels = 0 if first else -1
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        if input_shape[channels] not in {{1, 3}}:
            warnings.warn("This model usually expects 1 or 3 input channels. However, it was "
                          "passed an input_shape with " + str(input_shape[channels]) + " input channels.")
        side = (default_size, default_size)
        default_shape = (input_shape[0],) + side if first else side + (input_shape[-1],)
    else:
        default_shape = (3, default_size, default_size) if first else (default_size, default_size, 3)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and input_shape != default_shape:
            raise ValueError("When setting `include_top=True` and loading `imagenet` weights, "
                             "`input_shape` should be " + str(default_shape) + ".")
        return default_shape
    if input_shape:
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers.")
        if input_shape[channels] != 3 and weights == "imagenet":
            raise ValueError("The input must have 3 channels; got `input_shape=" + str(input_shape) + "`")
        sizes = input_shape[1:] if first else input_shape[:2]
        if any(size is not None and size < min_size for size in sizes):
            raise ValueError("Input size must be at least " + str(min_size) + "x" + str(min_size)
                             + "; got `input_shape=" + str(input_shape) + "`")
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (3, None, None) if first else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError("If `include_top` is True, you should specify a static `input_shape`. "
                         "Got `input_shape=" + str(input_shape) + "`")
    return input_shape
'''

#: Keras 2.2.4's keras/utils/conv_utils.py functions (and backend.normalize_data_format), as
#: (function name, its code with ``{name}`` for the name it is given).
_CONV_UTILS = {
    "normalize_tuple": '''\
def {name}(value, n, name):
    """Keras 2.2.4's conv_utils.normalize_tuple: an int, or n ints, as a tuple of n ints."""
    if isinstance(value, int):
        return (value,) * n
    message = "The `" + name + "` argument must be a tuple of " + str(n) + " integers. Received: " + str(value)
    try:
        value_tuple = tuple(value)
    except TypeError:
        raise ValueError(message)
    if len(value_tuple) != n:
        raise ValueError(message)
    for single_value in value_tuple:
        try:
            int(single_value)
        except ValueError:
            raise ValueError(message + " including element " + str(single_value) + " of type "
                             + str(type(single_value)))
    return value_tuple
''',
    "normalize_padding": '''\
def {name}(value):
    """Keras 2.2.4's conv_utils.normalize_padding on TensorFlow: 'valid', 'same' or 'causal'."""
    padding = value.lower()
    if padding not in {{"valid", "same", "causal"}}:
        raise ValueError('The `padding` argument must be one of "valid", "same" (or "causal" for '
                         'Conv1D). Received: ' + str(padding))
    return padding
''',
    "normalize_data_format": '''\
def {name}(value):
    """Keras 2.2.4's normalize_data_format: the value, or the backend's format for None."""
    if value is None:
        from tensorflow.keras import backend

        value = backend.image_data_format()
    data_format = value.lower()
    if data_format not in {{"channels_first", "channels_last"}}:
        raise ValueError('The `data_format` argument must be one of "channels_first", '
                         '"channels_last". Received: ' + str(value))
    return data_format
''',
    "conv_output_length": '''\
def {name}(input_length, filter_size, padding, stride, dilation=1):
    """Keras 2.2.4's conv_utils.conv_output_length: a convolution's output length."""
    if input_length is None:
        return None
    assert padding in {{"same", "valid", "full", "causal"}}
    dilated = filter_size + (filter_size - 1) * (dilation - 1)
    if padding == "valid":
        input_length = input_length - dilated + 1
    elif padding == "full":
        input_length = input_length + dilated - 1
    return (input_length + stride - 1) // stride
''',
    "conv_input_length": '''\
def {name}(output_length, filter_size, padding, stride):
    """Keras 2.2.4's conv_utils.conv_input_length: a convolution's input length."""
    if output_length is None:
        return None
    assert padding in {{"same", "valid", "full"}}
    pad = {{"same": filter_size // 2, "valid": 0, "full": filter_size - 1}}[padding]
    return (output_length - 1) * stride - 2 * pad + filter_size
''',
    "deconv_length": '''\
def {name}(dim_size, stride_size, kernel_size, padding, output_padding, dilation=1):
    """Keras 2.2.4's conv_utils.deconv_length: a transposed convolution's output length."""
    assert padding in {{"same", "valid", "full"}}
    if dim_size is None:
        return None
    kernel_size = kernel_size + (kernel_size - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return dim_size * stride_size + max(kernel_size - stride_size, 0)
        if padding == "full":
            return dim_size * stride_size - (stride_size + kernel_size - 2)
        return dim_size * stride_size
    pad = {{"same": kernel_size // 2, "valid": 0, "full": kernel_size - 1}}[padding]
    return (dim_size - 1) * stride_size + kernel_size - 2 * pad + output_padding
''',
    "convert_kernel": '''\
def {name}(kernel):
    """Keras 2.2.4's conv_utils.convert_kernel: flip a kernel's spatial axes (Theano <-> TF)."""
    import numpy as np

    kernel = np.asarray(kernel)
    if not 3 <= kernel.ndim <= 5:
        raise ValueError("Invalid kernel shape:", kernel.shape)
    flip = tuple(slice(None, None, -1) for _ in range(kernel.ndim - 2))
    return np.copy(kernel[flip + (slice(None), slice(None))])
''',
}


def _conv_utils_namespace(name: str) -> str:
    """The whole conv_utils module as a class of static methods named ``name``."""
    methods = []
    for function, code in _CONV_UTILS.items():
        body = code.format(name=function)
        methods.append("    @staticmethod\n" + "".join(f"    {line}" if line.strip() else line
                                                      for line in body.splitlines(True)))
    head = (f"class {name}:  # noqa: N801\n"
            f'    """Keras 2.2.4\'s keras.utils.conv_utils, which tf.keras does not have."""\n\n')
    return head + "\n".join(methods)


#: 2.2.4 name -> the code that defines it under a local ``{name}``.
INLINED: MappingProxyType[str, str] = MappingProxyType({
    "keras.applications.imagenet_utils._obtain_input_shape": _OBTAIN_INPUT_SHAPE,
    **{f"keras.utils.conv_utils.{function}": code for function, code in _CONV_UTILS.items()},
    "keras.backend.normalize_data_format": _CONV_UTILS["normalize_data_format"],
    "keras.backend.common.normalize_data_format": _CONV_UTILS["normalize_data_format"],
})

#: 2.2.4 modules written out whole, as a namespace class, when imported as a module.
INLINED_MODULES: MappingProxyType[str, object] = MappingProxyType({
    "keras.utils.conv_utils": _conv_utils_namespace,
})


def definition(old: str, name: str) -> str | None:
    """The code that defines 2.2.4's ``old`` as ``name`` in the user's module, if keraslint has it."""
    if old in INLINED:
        return INLINED[old].format(name=name)
    if old in INLINED_MODULES:
        return INLINED_MODULES[old](name)
    return None
