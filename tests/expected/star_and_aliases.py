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
