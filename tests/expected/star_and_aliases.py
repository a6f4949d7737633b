"""Star imports, aliased layers, and names tf.keras does not have."""
from tensorflow.keras.layers import *
from tensorflow.keras.layers import Dense as FC
from tensorflow.keras.models import Sequential
from keras.utils import multi_gpu_model
from keras.wrappers.scikit_learn import KerasClassifier
from tensorflow.keras.optimizers import RMSprop


def optimizer_224(cls):
    """Keras 2.2.4's `cls` optimizer: the rate decays as lr / (1 + decay * iterations); Adam's
    and Adamax's bias correction is one step ahead (2.2.4 read its iteration count after
    increasing it); RMSprop and Adagrad add epsilon after the square root. Saved models
    record the tf.keras class."""
    import tensorflow as tf

    adam, adamax = issubclass(cls, tf.keras.optimizers.Adam), issubclass(cls, tf.keras.optimizers.Adamax)
    rmsprop, adagrad = issubclass(cls, tf.keras.optimizers.RMSprop), issubclass(cls, tf.keras.optimizers.Adagrad)

    class Optimizer(cls):
        def __init__(self, *args, decay=0.0, **kwargs):
            super().__init__(*args, **kwargs)
            self.decay = decay

        def update_step(self, gradient, variable, learning_rate):
            t = tf.cast(self.iterations + 1, variable.dtype)
            rate = tf.cast(learning_rate, variable.dtype) / (1.0 + self.decay * t)
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

        def get_config(self):
            return {**super().get_config(), "decay": self.decay}

    Optimizer.__name__ = Optimizer.__qualname__ = cls.__name__
    Optimizer.__module__ = cls.__module__
    return Optimizer


def Highway(units):
    """A user's own layer factory that happens to share a removed Keras name."""
    return FC(units, activation='relu', kernel_initializer='he_normal')


def make_model():
    model = Sequential()
    model.add(FC(512, input_dim=784, kernel_initializer='glorot_uniform'))
    model.add(Activation('relu'))
    model.add(Highway(512))
    model.add(Dense(10, activation='softmax', kernel_initializer='glorot_uniform'))
    model.compile(loss='categorical_crossentropy', optimizer=optimizer_224(RMSprop)())
    return model


classifier = KerasClassifier(build_fn=make_model, epochs=1)
parallel = multi_gpu_model(make_model(), gpus=2)
