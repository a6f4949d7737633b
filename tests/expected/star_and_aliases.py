"""Star imports, aliased layers, and names tf.keras does not have."""
from tensorflow.keras.layers import *
from tensorflow.keras.layers import Dense as FC
from tensorflow.keras.models import Sequential
from keras.utils import multi_gpu_model
from keras.wrappers.scikit_learn import KerasClassifier


def Highway(units):
    """A user's own layer factory that happens to share a removed Keras name."""
    return FC(units, activation='relu', kernel_initializer='he_normal')


def make_model():
    model = Sequential()
    model.add(FC(512, input_dim=784, kernel_initializer='glorot_uniform'))
    model.add(Activation('relu'))
    model.add(Highway(512))
    model.add(Dense(10, activation='softmax', kernel_initializer='glorot_uniform'))
    model.compile(loss='categorical_crossentropy', optimizer='rmsprop')
    return model


classifier = KerasClassifier(build_fn=make_model, epochs=1)
parallel = multi_gpu_model(make_model(), gpus=2)
