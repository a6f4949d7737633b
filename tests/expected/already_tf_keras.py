"""Code already on tf.keras still relies on defaults: keraslint pins them too."""
import tensorflow as tf
from tensorflow.keras import layers


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


model = tf.keras.Sequential([
    layers.Conv2D(16, 3, activation='relu', input_shape=(32, 32, 3), kernel_initializer='glorot_uniform'),
    BatchNormalization_224(momentum=0.99, epsilon=0.001),
    layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10, kernel_initializer='glorot_uniform'),
])
