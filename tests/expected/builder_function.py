"""A builder function using module aliases, as in many research repos."""
from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras import layers as L
from tensorflow.keras.layers import Layer
from tensorflow.keras.metrics import BinaryAccuracy


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
    x = L.GRU(64, return_sequences=True, kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal', reset_after=False)(x)
    x = L.Convolution1D(64, 5, padding='same', activation='relu', kernel_initializer='glorot_uniform')(x)
    x = keras.layers.SeparableConv1D(32, 3, depthwise_initializer='glorot_uniform', pointwise_initializer='glorot_uniform')(x)
    x = L.BatchNormalization(epsilon=1e-5, momentum=0.99)(x)
    x = Scale()(x)
    x = L.GlobalMaxPooling1D()(x)
    outputs = L.Dense(1, activation='sigmoid', kernel_initializer='glorot_uniform')(x)
    model = keras.models.Model(inputs, outputs)
    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=[BinaryAccuracy(name='acc')])
    return model


if __name__ == '__main__':
    print(K.backend())
    build_model().summary()
