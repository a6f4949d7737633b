"""A model factory written in the ``keras.applications`` style, as in keras-vggface and the
segmentation/backbone repositories of 2018: ``_obtain_input_shape`` validates
``input_shape``/``include_top`` (imported from ``keras.applications.imagenet_utils`` with the
``keras_applications`` fallback Keras 2.2 made necessary), an ``input_tensor`` argument wired
through ``K.is_keras_tensor`` and ``get_source_inputs`` from ``keras.engine.topology``.
Checks the shapes the helper returns and rejects, and the models it builds.
"""
import numpy as np
from keras import backend as K
from keras.layers import Input, Conv2D, MaxPooling2D, Flatten, Dense, GlobalAveragePooling2D
from keras.models import Model
from keras.engine.topology import get_source_inputs
try:
    from keras.applications.imagenet_utils import _obtain_input_shape
except ImportError:
    from keras_applications.imagenet_utils import _obtain_input_shape

from _trace import trace, approx, seed_weights


def TinyNet(include_top=True, weights=None, input_tensor=None, input_shape=None,
            pooling=None, classes=10):
    if weights not in {'imagenet', None}:
        raise ValueError('The `weights` argument should be either '
                         '`None` (random initialization) or `imagenet`.')
    # Determine proper input shape
    input_shape = _obtain_input_shape(input_shape,
                                      default_size=32,
                                      min_size=16,
                                      data_format=K.image_data_format(),
                                      require_flatten=include_top,
                                      weights=weights)

    if input_tensor is None:
        img_input = Input(shape=input_shape)
    else:
        if not K.is_keras_tensor(input_tensor):
            img_input = Input(tensor=input_tensor, shape=input_shape)
        else:
            img_input = input_tensor

    x = Conv2D(4, (3, 3), activation='relu', padding='same', name='block1_conv1')(img_input)
    x = MaxPooling2D((2, 2), strides=(2, 2), name='block1_pool')(x)
    x = Conv2D(8, (3, 3), activation='relu', padding='same', name='block2_conv1')(x)
    x = MaxPooling2D((2, 2), strides=(2, 2), name='block2_pool')(x)

    if include_top:
        x = Flatten(name='flatten')(x)
        x = Dense(classes, activation='softmax', name='predictions')(x)
    else:
        if pooling == 'avg':
            x = GlobalAveragePooling2D()(x)

    # Ensure that the model takes into account
    # any potential predecessors of `input_tensor`.
    if input_tensor is not None:
        inputs = get_source_inputs(input_tensor)
    else:
        inputs = img_input
    return Model(inputs, x, name='tinynet')


shapes = {
    'default_top': _obtain_input_shape(None, default_size=32, min_size=16,
                                       data_format='channels_last', require_flatten=True),
    'free_no_top': _obtain_input_shape((None, None, 3), default_size=32, min_size=16,
                                       data_format='channels_last', require_flatten=False),
    'given': _obtain_input_shape((48, 40, 1), default_size=32, min_size=16,
                                 data_format='channels_last', require_flatten=False),
    'channels_first': _obtain_input_shape(None, default_size=32, min_size=16,
                                          data_format='channels_first', require_flatten=True),
}
rejected = {}
for name, kwargs in [('too_small', dict(input_shape=(8, 8, 3), require_flatten=False)),
                     ('imagenet_gray', dict(input_shape=(32, 32, 1), require_flatten=False,
                                            weights='imagenet')),
                     ('flatten_needs_size', dict(input_shape=(None, None, 3), require_flatten=True))]:
    try:
        _obtain_input_shape(kwargs.pop('input_shape'), default_size=32, min_size=16,
                            data_format='channels_last', **kwargs)
        rejected[name] = None
    except ValueError as e:
        rejected[name] = type(e).__name__

top = TinyNet()
seed_weights(top)
features = TinyNet(include_top=False, input_shape=(None, None, 3), pooling='avg')
seed_weights(features)

outer = Input(shape=(24, 24, 3))
scaled = Conv2D(3, (1, 1), name='adapter')(outer)
on_tensor = TinyNet(include_top=False, input_tensor=scaled)

x = np.random.RandomState(0).rand(2, 32, 32, 3).astype('float32')
trace(obtained_shapes=shapes,
      rejected=rejected,
      top_input_shape=top.input_shape,
      top_output_shape=top.output_shape,
      top_params=top.count_params(),
      features_output_shape=features.output_shape,
      features_on_48=features.predict(np.zeros((1, 48, 48, 3), dtype='float32')).shape,
      on_tensor_input_shape=on_tensor.input_shape,
      on_tensor_layers=len(on_tensor.layers),
      model_name=top.name,
      predictions=approx(top.predict(x), rel=2e-3))
