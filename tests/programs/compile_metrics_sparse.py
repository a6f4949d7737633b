"""Integer-label classifier: sparse_categorical_crossentropy with
metrics=['sparse_categorical_accuracy'] plus 'accuracy', validated on held-out data, the
setup of many text-classification scripts that skipped to_categorical. The script reads
history.history['val_acc'] to pick the best epoch.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Embedding, GlobalAveragePooling1D

from _trace import trace, approx, seed_weights

np.random.seed(3)
vocab, maxlen, n_classes = 50, 12, 4
x = np.random.randint(1, vocab, size=(96, maxlen))
y = np.random.randint(0, n_classes, size=(96,))
x_val, y_val = x[64:], y[64:]
x, y = x[:64], y[:64]

model = Sequential()
model.add(Embedding(vocab, 8, input_length=maxlen))
model.add(GlobalAveragePooling1D())
model.add(Dense(n_classes, activation='softmax'))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
              metrics=['sparse_categorical_accuracy', 'accuracy'])
seed_weights(model)

hist = model.fit(x, y, validation_data=(x_val, y_val), epochs=3, batch_size=16,
                 shuffle=False, verbose=0)
best_epoch = int(np.argmax(hist.history['val_acc']))
print('best epoch', best_epoch + 1)

probs = model.predict(x_val)
trace(history_keys=sorted(hist.history.keys()),
      metrics_names=model.metrics_names,
      val_acc=approx(hist.history['val_acc'], rel=1e-3),
      sparse_acc=approx(hist.history['sparse_categorical_accuracy'], rel=1e-3),
      val_loss=approx(hist.history['val_loss'], rel=2e-3),
      predict_shape=probs.shape,
      predict_dtype=str(probs.dtype),
      argmax=probs.argmax(axis=-1)[:8])
