"""A keras.utils.Sequence subclass (__len__/__getitem__/on_epoch_end) used with
fit_generator, evaluate_generator and predict_generator, the recommended 2018 way to feed
data from disk; here the "disk" is a numpy array. The script reads the evaluate_generator
scores by metrics_names and checks predict_generator's output length.
"""
import math
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense


from _trace import trace, approx, seed_weights


class ArraySequence(keras.utils.Sequence):
    def __init__(self, x, y, batch_size=16):
        self.x, self.y = x, y
        self.batch_size = batch_size
        self.epochs_seen = 0

    def __len__(self):
        return int(math.ceil(len(self.x) / float(self.batch_size)))

    def __getitem__(self, idx):
        batch_x = self.x[idx * self.batch_size:(idx + 1) * self.batch_size]
        batch_y = self.y[idx * self.batch_size:(idx + 1) * self.batch_size]
        return batch_x, batch_y

    def on_epoch_end(self):
        self.epochs_seen += 1


np.random.seed(31)
x = np.random.rand(70, 6).astype('float32')
y = keras.utils.to_categorical((x[:, 0] * 3).astype(int), 3)

train_seq = ArraySequence(x[:50], y[:50], batch_size=16)
val_seq = ArraySequence(x[50:], y[50:], batch_size=10)

model = Sequential()
model.add(Dense(10, activation='relu', input_dim=6))
model.add(Dense(3, activation='softmax'))
model.compile(optimizer='adagrad', loss='categorical_crossentropy', metrics=['accuracy'])
seed_weights(model)

history = model.fit_generator(train_seq, epochs=2, validation_data=val_seq,
                              shuffle=False, workers=1, use_multiprocessing=False, verbose=0)
scores = model.evaluate_generator(val_seq, steps=len(val_seq), workers=1)
preds = model.predict_generator(ArraySequence(x, y, batch_size=16), workers=1)
print(dict(zip(model.metrics_names, scores)))

trace(history_keys=sorted(history.history.keys()),
      train_len=len(train_seq),
      epochs_run=len(history.epoch),
      params_steps=history.params['steps'],
      loss=approx(history.history['loss'], rel=2e-3),
      val_acc=approx(history.history['val_acc'], rel=1e-3),
      metrics_names=model.metrics_names,
      evaluate_generator=approx(scores, rel=2e-3),
      predict_generator_shape=preds.shape)
