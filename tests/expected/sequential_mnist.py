'''Trains a simple convnet on MNIST (Keras 2.2.4 style: Sequential, `import keras`).'''
from __future__ import print_function
from tensorflow import keras
from tensorflow.keras.datasets import mnist
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Dropout, Flatten
from tensorflow.keras.layers import Conv2D, MaxPooling2D, BatchNormalization
from tensorflow.keras import backend as K
import tensorflow as tf


class BatchNormalization_224(tf.keras.layers.BatchNormalization):
    """Keras 2.2.4's BatchNormalization: zero-debiased moving statistics with a Bessel-corrected
    variance, and a frozen layer normalising a training batch with the batch's statistics."""

    def __init__(self, axis=-1, *args, **kwargs):
        super().__init__(axis, *args, **kwargs)
        self.axis_224 = axis

    def get_config(self):  # the axis as given, as 2.2.4 kept it (TF 2.15 lists it after build)
        return {**super().get_config(), "axis": self.axis_224}

    def build(self, input_shape):
        super().build(input_shape)
        shape = tuple(self.moving_mean.shape)
        state = (tf.Variable(tf.zeros(shape), trainable=False), tf.Variable(tf.zeros(shape), trainable=False),
                 tf.Variable(0.0, trainable=False))
        object.__setattr__(self, "debias_224", state)  # not a weight: 2.2.4 did not save it

    def call(self, inputs, training=None, mask=None):
        if not training:
            return super().call(inputs, training=False, mask=mask)
        rank = len(inputs.shape)
        channels = [a % rank for a in (self.axis if isinstance(self.axis, (list, tuple)) else [self.axis])]
        axes = [i for i in range(rank) if i not in channels]
        values = tf.cast(inputs, "float32")
        mean, variance = tf.nn.moments(values, axes, keepdims=True)
        if not self.trainable:  # 2.2.4 normalised with the batch's statistics and kept its own
            scale = tf.reshape(self.gamma, mean.shape) if self.scale else None
            offset = tf.reshape(self.beta, mean.shape) if self.center else None
            normed = tf.nn.batch_normalization(values, mean, variance, offset, scale, self.epsilon)
            return tf.cast(normed, inputs.dtype)
        outputs = super().call(inputs, training=True, mask=mask)
        size = tf.cast(tf.reduce_prod(tf.gather(tf.shape(values), axes)), "float32")
        variance = tf.reshape(variance, self.moving_variance.shape)
        if rank == 4 and axes == [0, 1, 2]:  # TF's fused kernel returned the sample variance
            variance = variance * size / (size - 1.0)
        variance = variance * size / (size - (1.0 + self.epsilon))
        biased_mean, biased_variance, step = self.debias_224
        decay = self.momentum
        biased_mean.assign(biased_mean * decay + tf.reshape(mean, biased_mean.shape) * (1.0 - decay))
        biased_variance.assign(biased_variance * decay + variance * (1.0 - decay))
        step.assign_add(1.0)
        self.moving_mean.assign(biased_mean / (1.0 - decay ** step))
        self.moving_variance.assign(biased_variance / (1.0 - decay ** step))
        return outputs


BatchNormalization_224.__name__ = BatchNormalization_224.__qualname__ = "BatchNormalization"
BatchNormalization_224.__module__ = tf.keras.layers.BatchNormalization.__module__


batch_size = 128
num_classes = 10
img_rows, img_cols = 28, 28

(x_train, y_train), (x_test, y_test) = mnist.load_data()
if K.image_data_format() == 'channels_first':
    input_shape = (1, img_rows, img_cols)
else:
    input_shape = (img_rows, img_cols, 1)
y_train = keras.utils.to_categorical(y_train, num_classes)

model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3),
                 activation='relu',
                 input_shape=input_shape,
                 kernel_initializer='glorot_uniform'))
model.add(BatchNormalization_224(momentum=0.99, epsilon=0.001))
model.add(Conv2D(64, (3, 3), activation='relu', kernel_initializer='glorot_uniform'))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))
model.add(Flatten())
model.add(Dense(128, activation='relu', kernel_initializer='glorot_uniform'))
model.add(Dropout(0.5))
model.add(Dense(num_classes, activation='softmax', kernel_initializer='glorot_uniform'))

model.compile(loss=keras.losses.categorical_crossentropy,
              optimizer=keras.optimizers.Adadelta(learning_rate=1.0),
              metrics=['acc'])
model.fit(x_train, y_train, batch_size=batch_size, epochs=1, verbose=1)
