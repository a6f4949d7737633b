"""Character-level text generation as in the Keras ``lstm_text_generation.py`` example: a corpus cut
into ``maxlen`` windows with a ``step``, one-hot boolean ``x``/``y``, ``LSTM(..)`` + ``Dense`` +
``Activation('softmax')`` trained with ``RMSprop(lr=0.01)``, a ``LambdaCallback(on_epoch_end=...)``
that generates text, and the example's ``sample(preds, temperature)`` helper drawing with
``np.random.multinomial`` under a fixed numpy seed.
"""
from __future__ import print_function
from keras.callbacks import LambdaCallback
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.layers import LSTM
from keras.optimizers import RMSprop
import numpy as np
import sys

from _trace import trace, approx, seed_weights

text = ('the quick brown fox jumps over the lazy dog. ' * 6).lower()
chars = sorted(list(set(text)))
print('total chars:', len(chars))
char_indices = dict((c, i) for i, c in enumerate(chars))
indices_char = dict((i, c) for i, c in enumerate(chars))

# cut the text in semi-redundant sequences of maxlen characters
maxlen = 10
step = 7
sentences = []
next_chars = []
for i in range(0, len(text) - maxlen, step):
    sentences.append(text[i: i + maxlen])
    next_chars.append(text[i + maxlen])
print('nb sequences:', len(sentences))

print('Vectorization...')
x = np.zeros((len(sentences), maxlen, len(chars)), dtype=bool)
y = np.zeros((len(sentences), len(chars)), dtype=bool)
for i, sentence in enumerate(sentences):
    for t, char in enumerate(sentence):
        x[i, t, char_indices[char]] = 1
    y[i, char_indices[next_chars[i]]] = 1

print('Build model...')
model = Sequential()
model.add(LSTM(16, input_shape=(maxlen, len(chars))))
model.add(Dense(len(chars)))
model.add(Activation('softmax'))

optimizer = RMSprop(lr=0.01)
model.compile(loss='categorical_crossentropy', optimizer=optimizer)
seed_weights(model, seed=13, scale=0.2)
initial_loss = model.evaluate(x, y, batch_size=8, verbose=0)


def sample(preds, temperature=1.0):
    # helper function to sample an index from a probability array
    preds = np.asarray(preds).astype('float64')
    preds = np.log(preds) / temperature
    exp_preds = np.exp(preds)
    preds = exp_preds / np.sum(exp_preds)
    probas = np.random.multinomial(1, preds, 1)
    return np.argmax(probas)


generated_by_epoch = []


def on_epoch_end(epoch, logs):
    # Function invoked at end of each epoch. Prints generated text.
    sentence = text[0: maxlen]
    generated = ''
    for i in range(8):
        x_pred = np.zeros((1, maxlen, len(chars)))
        for t, char in enumerate(sentence):
            x_pred[0, t, char_indices[char]] = 1.
        preds = model.predict(x_pred, verbose=0)[0]
        next_index = int(np.argmax(preds))
        next_char = indices_char[next_index]
        generated += next_char
        sentence = sentence[1:] + next_char
    generated_by_epoch.append(generated)
    sys.stdout.write(generated + '\n')


print_callback = LambdaCallback(on_epoch_end=on_epoch_end)
history = model.fit(x, y, batch_size=4, epochs=5, shuffle=False, verbose=0, callbacks=[print_callback])

np.random.seed(99)
preds = model.predict(x[:1], verbose=0)[0]
draws = [int(sample(preds, 0.2)) for _ in range(5)]

trace(n_sequences=len(sentences), n_chars=len(chars),
      initial_loss=approx(initial_loss, rel=1e-5),
      loss=approx(history.history['loss'], rel=2e-2),
      greedy_generated=generated_by_epoch,
      preds_sum=approx(float(preds.sum()), rel=1e-5),
      top_pred=int(np.argmax(preds)),
      low_temperature_draws=draws)
