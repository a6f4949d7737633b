"""Multi-output functional model whose output Dense layers were left unnamed, compiled with
one loss string and a metrics list (metrics=['mae', 'acc']) that Keras 2.2.4 applied to every
output. As real scripts did, the user looks up the per-output History entries by the
auto-generated layer names (model.output_names) and prints them.
"""
import numpy as np
from keras.layers import Input, Dense, concatenate
from keras.models import Model

from _trace import trace, approx, seed_weights

rng = np.random.RandomState(0)
x = rng.rand(64, 4).astype('float32')
y1 = (x[:, :1] > 0.5).astype('float32')
y2 = (x[:, 1:2] > 0.5).astype('float32')
y3 = (x[:, 2:3] > 0.5).astype('float32')

inputs = Input(shape=(4,))
shared = Dense(12, activation='relu')(inputs)
branch = Dense(8, activation='relu')(shared)
out1 = Dense(1, activation='sigmoid')(shared)
out2 = Dense(1, activation='sigmoid')(concatenate([shared, branch]))
out3 = Dense(1, activation='sigmoid')(branch)
model = Model(inputs=inputs, outputs=[out1, out2, out3])
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['mae', 'acc'])
seed_weights(model)

history = model.fit(x, [y1, y2, y3], epochs=2, batch_size=16, shuffle=False, verbose=0)
for name in model.output_names:
    print(name, history.history[name + '_acc'][-1], history.history[name + '_loss'][-1])

per_output_acc = [history.history[name + '_acc'] for name in model.output_names]
ev = model.evaluate(x, [y1, y2, y3], verbose=0)
trace(history_key_count=len(history.history),
      metrics_names_count=len(model.metrics_names),
      n_outputs=len(model.outputs),
      per_output_acc=approx(per_output_acc, rel=1e-3),
      total_loss=approx(history.history['loss'], rel=2e-3),
      evaluate_len=len(ev))
