"""A builder function using module aliases, as in many research repos."""
from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras import layers as L
from tensorflow.keras.layers import Layer
import tensorflow as tf
from tensorflow.keras.metrics import BinaryAccuracy
from tensorflow.keras.optimizers import Adam


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


@tf.keras.utils.register_keras_serializable(package="keraslint")
def hard_sigmoid_224(x):
    """Keras 2.2.4's hard sigmoid, clip(0.2 * x + 0.5, 0, 1); Keras 3's has slope 1/6."""
    return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)


def optimizer_224(cls):
    """Keras 2.2.4's `cls` optimizer: the rate decays as lr / (1 + decay * iterations); Adam's
    and Adamax's bias correction is one step ahead (2.2.4 read its iteration count after
    increasing it), as is Nadam's, whose momentum schedule is 0.96 ** (t * schedule_decay);
    RMSprop and Adagrad add epsilon after the square root. Saved models record the tf.keras
    class."""
    import tensorflow as tf

    adam, adamax = issubclass(cls, tf.keras.optimizers.Adam), issubclass(cls, tf.keras.optimizers.Adamax)
    rmsprop, adagrad = issubclass(cls, tf.keras.optimizers.RMSprop), issubclass(cls, tf.keras.optimizers.Adagrad)
    nadam = issubclass(cls, tf.keras.optimizers.Nadam)

    class Optimizer(cls):
        def __init__(self, *args, decay=0.0, **kwargs):
            schedule_decay = kwargs.pop("schedule_decay", 0.004) if nadam else None
            super().__init__(*args, **kwargs)
            self.decay = decay
            if nadam:
                self.schedule_decay = schedule_decay

        def _momentum_224(self, t):
            return self.beta_1 * (1.0 - 0.5 * tf.pow(0.96, t * self.schedule_decay))

        def _backend_update_step(self, grads, trainable_variables, learning_rate):
            if not nadam:
                return super()._backend_update_step(grads, trainable_variables, learning_rate)
            t = tf.cast(self.iterations + 2, self._u_product.dtype)  # 2.2.4 read it after its increment
            self._u_product.assign(self._u_product * self._momentum_224(t))
            return super(cls, self)._backend_update_step(grads, trainable_variables, learning_rate)

        def update_step(self, gradient, variable, learning_rate):
            t = tf.cast(self.iterations + 1, variable.dtype)
            rate = tf.cast(learning_rate, variable.dtype) / (1.0 + self.decay * t)
            if nadam:  # 2.2.4 read the step count after its increment, as for Adam
                return self._nadam_step(tf.cast(gradient, variable.dtype), variable, rate, t + 1.0)
            if adam or adamax:
                b1 = tf.cast(self.beta_1, variable.dtype)
                rate *= (1.0 - b1 ** t) / (1.0 - b1 ** (t + 1.0))
                if adam:
                    b2 = tf.cast(self.beta_2, variable.dtype)
                    rate *= tf.sqrt((1.0 - b2 ** (t + 1.0)) / (1.0 - b2 ** t))
            slots = getattr(self, "_velocities" if rmsprop else "_accumulators", None)
            plain = (rmsprop and not self.centered and not self.momentum) or adagrad
            if slots is None or not plain:
                return super().update_step(gradient, variable, rate)
            gradient = tf.cast(gradient, variable.dtype)
            accumulator = slots[self._get_variable_index(variable)]
            if rmsprop:
                self.assign(accumulator, self.rho * accumulator + (1.0 - self.rho) * tf.square(gradient))
            else:
                self.assign_add(accumulator, tf.square(gradient))
            self.assign_sub(variable, rate * gradient / (tf.sqrt(accumulator) + self.epsilon))

        def _nadam_step(self, gradient, variable, rate, t):
            index = self._get_variable_index(variable)
            m, v = self._momentums[index], self._velocities[index]
            u_t, u_next = self._momentum_224(t), self._momentum_224(t + 1.0)
            schedule = tf.cast(self._u_product, variable.dtype)  # includes u_t: updated first
            self.assign(m, self.beta_1 * m + (1.0 - self.beta_1) * gradient)
            self.assign(v, self.beta_2 * v + (1.0 - self.beta_2) * tf.square(gradient))
            m_bar = (1.0 - u_t) * gradient / (1.0 - schedule) + u_next * m / (1.0 - schedule * u_next)
            v_hat = v / (1.0 - tf.pow(tf.cast(self.beta_2, variable.dtype), t))
            self.assign_sub(variable, rate * m_bar / (tf.sqrt(v_hat) + self.epsilon))

        def get_config(self):
            extra = {"schedule_decay": self.schedule_decay} if nadam else {}
            return {**super().get_config(), "decay": self.decay, **extra}

    Optimizer.__name__ = Optimizer.__qualname__ = cls.__name__
    Optimizer.__module__ = cls.__module__
    return Optimizer


class Scale(Layer):
    """A custom layer (keras.engine.topology.Layer in 2.2.4)."""

    def build(self, input_shape):
        self.gamma = self.add_weight(name='gamma', shape=(input_shape[-1],),
                                     initializer='ones')
        super(Scale, self).build(input_shape)

    def call(self, x):
        return x * self.gamma


def build_model(vocab_size=10000, maxlen=80):
    inputs = L.Input(shape=(maxlen,))
    x = L.Embedding(vocab_size, 128, embeddings_initializer='uniform')(inputs)
    x = L.GRU(64, return_sequences=True, kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal', recurrent_activation=hard_sigmoid_224, reset_after=False)(x)
    x = L.Convolution1D(64, 5, padding='same', activation='relu', kernel_initializer='glorot_uniform')(x)
    x = keras.layers.SeparableConv1D(32, 3, depthwise_initializer='glorot_uniform', pointwise_initializer='glorot_uniform')(x)
    x = BatchNormalization_224(epsilon=1e-5, momentum=0.99)(x)
    x = Scale()(x)
    x = L.GlobalMaxPooling1D()(x)
    outputs = L.Dense(1, activation='sigmoid', kernel_initializer='glorot_uniform')(x)
    model = keras.models.Model(inputs, outputs)
    model.compile(loss='binary_crossentropy', optimizer=optimizer_224(Adam)(), metrics=[BinaryAccuracy(name='acc')])
    return model


if __name__ == '__main__':
    print(K.backend())
    build_model().summary()
