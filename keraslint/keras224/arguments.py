"""Layer arguments whose type tf.keras checks where Keras 2.2.4 did not."""

from __future__ import annotations

from keraslint.keras224.targets import KERAS3_ONLY

#: Parameters of Keras layers that take integers (or tuples of integers). Keras 3 (and for
#: several, TF 2.15) reject a numpy integer there (`Dense(np.int64(3))`: "expected a positive
#: integer"); 2.2.4 used any integer.
INTEGER_PARAMETERS = frozenset(
    "units filters kernel_size strides pool_size size padding cropping dilation_rate input_dim"
    " output_dim input_length n depth_multiplier axis".split()
)

#: The array library whose integer scalars (`np.int64`) are not Python ints.
NUMPY = "numpy"

#: Where Keras 2.2.4 code registered its own activations (``get_custom_objects()``); 2.2.4 (and
#: TF 2.15) looked activation names up there, Keras 3 looks up only its own activations.
CUSTOM_OBJECTS = ("keras.utils.generic_utils.get_custom_objects", "keras.utils.get_custom_objects")
ACTIVATION_PARAMETERS = ("activation", "recurrent_activation")
ACTIVATION_LAYER = "Activation"
CUSTOM_OBJECT_STRING_TARGETS = KERAS3_ONLY

#: Characters Keras 3 refuses in a layer's or model's name ("cannot contain character `/`"),
#: and what keraslint writes instead. 2.2.4 and TF 2.15 took them (TF used `/` for scopes).
NAME_CHARACTERS_REFUSED = {"/": "_"}
NAME_CHARACTER_TARGETS = KERAS3_ONLY
#: Methods that look a layer up by the name it was given.
NAME_LOOKUPS = ("get_layer",)
