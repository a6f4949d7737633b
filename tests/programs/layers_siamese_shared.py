"""A siamese network in the style of the Keras ``mnist_siamese`` example: one base network
(a Model) applied to two inputs, a Lambda euclidean distance with ``eucl_dist_output_shape``,
the contrastive loss and RMSprop; plus a single shared ``Dense`` applied twice
(``shared = Dense(8); a = shared(x1); b = shared(x2)``) and read back through
``get_output_at``, ``get_input_at`` and ``get_output_shape_at``. Checks that weights are
counted once, node shapes, that identical pairs are at distance ~0 and which weights training
moved.
"""
from __future__ import absolute_import
from __future__ import print_function
import numpy as np

from keras.models import Model
from keras.layers import Input, Flatten, Dense, Lambda, Conv2D, GlobalAveragePooling2D
from keras.optimizers import RMSprop
from keras import backend as K

from _trace import trace, approx, seed_weights, snapshot, changed


def euclidean_distance(vects):
    x, y = vects
    sum_square = K.sum(K.square(x - y), axis=1, keepdims=True)
    return K.sqrt(K.maximum(sum_square, K.epsilon()))


def eucl_dist_output_shape(shapes):
    shape1, shape2 = shapes
    return (shape1[0], 1)


def contrastive_loss(y_true, y_pred):
    '''Contrastive loss from Hadsell-et-al.'06
    http://yann.lecun.com/exdb/publis/pdf/hadsell-chopra-lecun-06.pdf
    '''
    margin = 1
    sqaure_pred = K.square(y_pred)
    margin_square = K.square(K.maximum(margin - y_pred, 0))
    return K.mean(y_true * sqaure_pred + (1 - y_true) * margin_square)


def create_base_network(input_shape):
    '''Base network to be shared (eq. to feature extraction).
    '''
    input = Input(shape=input_shape)
    x = Conv2D(4, (3, 3), activation='relu')(input)
    x = GlobalAveragePooling2D()(x)
    x = Dense(6, activation='relu')(x)
    return Model(input, x)


input_shape = (8, 8, 1)
base_network = create_base_network(input_shape)

input_a = Input(shape=input_shape)
input_b = Input(shape=input_shape)

# because we re-use the same instance `base_network`,
# the weights of the network will be shared across the two branches
processed_a = base_network(input_a)
processed_b = base_network(input_b)

shared = Dense(3, name='shared_projection')
proj_a = shared(processed_a)
proj_b = shared(processed_b)

distance = Lambda(euclidean_distance,
                  output_shape=eucl_dist_output_shape)([proj_a, proj_b])

model = Model([input_a, input_b], distance)
rms = RMSprop()
model.compile(loss=contrastive_loss, optimizer=rms)
seed_weights(model, scale=0.5)

rng = np.random.RandomState(0)
pairs_a = rng.rand(32, 8, 8, 1).astype('float32')
pairs_b = np.concatenate([pairs_a[:16], rng.rand(16, 8, 8, 1).astype('float32')])
labels = np.array([1] * 16 + [0] * 16, dtype='float32')

before = snapshot(model)
same_pair_distance = model.predict([pairs_a[:4], pairs_a[:4]])
other_pair_distance = model.predict([pairs_a[16:20], pairs_b[16:20]])
model.fit([pairs_a, pairs_b], labels, batch_size=8, epochs=1, verbose=0, shuffle=False)

trace(params=model.count_params(),
      base_params=base_network.count_params(),
      weight_tensors=len(model.get_weights()),
      shared_output_shapes=[shared.get_output_shape_at(0), shared.get_output_shape_at(1)],
      shared_nodes_distinct=shared.get_output_at(0) is not shared.get_output_at(1),
      shared_input_is_branch_a=shared.get_input_at(0) is processed_a,
      base_output_at_2_is_b=base_network.get_output_at(2) is processed_b,
      distance_shape=K.int_shape(distance),
      same_pair_distance=approx(same_pair_distance, abs=1e-3),
      other_pair_distance=approx(other_pair_distance, rel=2e-3),
      weights_changed=changed(before, snapshot(model)))
