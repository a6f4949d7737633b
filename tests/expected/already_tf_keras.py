"""Code already on tf.keras still relies on defaults: keraslint pins them too."""
import tensorflow as tf
from tensorflow.keras import layers

model = tf.keras.Sequential([
    layers.Conv2D(16, 3, activation='relu', input_shape=(32, 32, 3), kernel_initializer='glorot_uniform'),
    layers.BatchNormalization(momentum=0.99, epsilon=0.001),
    layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10, kernel_initializer='glorot_uniform'),
])
