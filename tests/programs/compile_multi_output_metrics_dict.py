"""Two-headed functional model (a classification head and a regression head, both output
layers named) compiled with dicts keyed by output name: loss={'label': ..., 'score': ...},
loss_weights={'label': 1.0, 'score': 0.5}, metrics={'label': 'accuracy', 'score': 'mae'};
targets are passed as a dict too. The script prints history.history['label_acc'].
"""
import numpy as np
from keras.models import Model
from keras.layers import Input, Dense
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights

np.random.seed(5)
x = np.random.rand(64, 6).astype('float32')
y_label = (x.sum(axis=1) > 3).astype('float32').reshape(-1, 1)
y_score = x.mean(axis=1, keepdims=True).astype('float32')

inp = Input(shape=(6,), name='features')
h = Dense(16, activation='relu')(inp)
label = Dense(1, activation='sigmoid', name='label')(h)
score = Dense(1, name='score')(h)
model = Model(inputs=inp, outputs=[label, score])

model.compile(optimizer=SGD(lr=0.05, momentum=0.9),
              loss={'label': 'binary_crossentropy', 'score': 'mse'},
              loss_weights={'label': 1.0, 'score': 0.5},
              metrics={'label': 'accuracy', 'score': 'mae'})
seed_weights(model)
history = model.fit({'features': x}, {'label': y_label, 'score': y_score},
                    epochs=2, batch_size=16, shuffle=False, verbose=0)
print('label accuracy:', history.history['label_acc'])

out = model.evaluate(x, [y_label, y_score], verbose=0)
p_label, p_score = model.predict(x[:4])
trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      output_names=model.output_names,
      label_acc=approx(history.history['label_acc'], rel=1e-3),
      score_mae=approx(history.history['score_mean_absolute_error'], rel=5e-3),
      loss=approx(history.history['loss'], rel=2e-3),
      evaluate_len=len(out),
      evaluate=approx(out, rel=5e-3, abs=5e-4),  # a 0.017 mse: float noise of 8 momentum steps
      predict_shapes=[p_label.shape, p_score.shape])
