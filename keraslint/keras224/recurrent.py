"""Recurrent-layer defaults that changed between Keras 2.2.4 and tf.keras (docs/facts.md §4).

The 2.2.4 values themselves live in ``layers.PINNED_DEFAULTS`` (checked against the source);
this module says on which target each one differs, and how to reproduce it there.
"""

from __future__ import annotations

from keraslint.keras224.targets import KERAS3_ONLY, Target

from types import MappingProxyType

#: class -> targets on which its ``recurrent_activation`` default is no longer 2.2.4's.
#: LSTM/GRU default to 'sigmoid' from TF 2.0; ConvLSTM2D kept 'hard_sigmoid' until Keras 3.
RECURRENT_ACTIVATION_CHANGED: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "LSTM": (Target.KERAS2, Target.KERAS3),
    "GRU": (Target.KERAS2, Target.KERAS3),
    "LSTMCell": (Target.KERAS2, Target.KERAS3),
    "GRUCell": (Target.KERAS2, Target.KERAS3),
    "ConvLSTM2D": KERAS3_ONLY,
})

#: Targets on which the string 'hard_sigmoid' is still 2.2.4's clip(0.2 * x + 0.5, 0, 1).
#: Keras 3's is relu6(x + 3) / 6, a slope of 1/6 instead of 0.2.
HARD_SIGMOID_STRING_EXACT = (Target.KERAS2,)

#: What keraslint writes on the other targets: one small named function per module,
#: registered so that saved models load again.
HARD_SIGMOID_NAME = "hard_sigmoid_224"
HARD_SIGMOID_SLOPE, HARD_SIGMOID_OFFSET = 0.2, 0.5
HARD_SIGMOID_CODE = f'''\
@tf.keras.utils.register_keras_serializable(package="keraslint")
def {HARD_SIGMOID_NAME}(x):
    """Keras 2.2.4's hard sigmoid, clip({HARD_SIGMOID_SLOPE} * x + {HARD_SIGMOID_OFFSET}, 0, 1); Keras 3's has slope 1/6."""
    return tf.clip_by_value({HARD_SIGMOID_SLOPE} * x + {HARD_SIGMOID_OFFSET}, 0.0, 1.0)
'''

#: ``dropout``/``recurrent_dropout`` > 0: 2.2.4 ran ``implementation=1`` (a mask per gate).
DROPOUT_IMPLEMENTATION = 1
IMPLEMENTATION_CLASSES = ("LSTM", "GRU")

#: What makes tf.keras's LSTM/GRU the cell CuDNNLSTM/CuDNNGRU computed (sigmoid gates; the
#: GRU's reset gate after the matrix product), written out so that KL401/KL402 do not pin
#: the plain layers' 2.2.4 defaults on them. tanh, use_bias=True, no recurrent dropout and
#: unroll=False are also required for cuDNN, and are tf.keras's defaults.
CUDNN_SETTINGS: MappingProxyType[str, tuple[tuple[str, object], ...]] = MappingProxyType({
    "CuDNNLSTM": (("recurrent_activation", "sigmoid"),),
    "CuDNNGRU": (("recurrent_activation", "sigmoid"), ("reset_after", True)),
})
