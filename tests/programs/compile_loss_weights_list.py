"""Multi-output model with a list of losses (one per output, in output order) and
loss_weights as a list, the pattern of the Keras functional-API guide (main_output /
aux_output): the auxiliary head is down-weighted with loss_weights=[1., 0.2]. The script
checks that the weighted sum shows up as the total loss returned by train_on_batch and
evaluate.
"""
import numpy as np
import keras
from keras.layers import Input, Dense, LSTM, Embedding, concatenate
from keras.models import Model

from _trace import trace, approx, seed_weights

np.random.seed(1)
headline = np.random.randint(1, 100, size=(48, 10))
meta = np.random.rand(48, 3).astype('float32')
y_main = np.random.randint(0, 2, size=(48, 1)).astype('float32')
y_aux = np.random.rand(48, 1).astype('float32')

main_input = Input(shape=(10,), dtype='int32', name='main_input')
x = Embedding(output_dim=8, input_dim=100, input_length=10)(main_input)
lstm_out = LSTM(8)(x)
aux_output = Dense(1, name='aux_output')(lstm_out)
aux_input = Input(shape=(3,), name='aux_input')
x = concatenate([lstm_out, aux_input])
x = Dense(8, activation='relu')(x)
main_output = Dense(1, activation='sigmoid', name='main_output')(x)

model = Model(inputs=[main_input, aux_input], outputs=[main_output, aux_output])
model.compile(optimizer='rmsprop', loss=['binary_crossentropy', 'mean_squared_error'],
              loss_weights=[1., 0.2])
seed_weights(model)

history = model.fit([headline, meta], [y_main, y_aux], epochs=2, batch_size=16,
                    shuffle=False, verbose=0)
batch_out = model.train_on_batch([headline[:16], meta[:16]], [y_main[:16], y_aux[:16]])
total, main_loss, aux_loss = model.evaluate([headline, meta], [y_main, y_aux], verbose=0)
print('total %.4f = %.4f + 0.2 * %.4f' % (total, main_loss, aux_loss))

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      loss=approx(history.history['loss'], rel=2e-3),
      train_on_batch_len=len(batch_out),
      train_on_batch=approx(batch_out, rel=2e-3),
      evaluate=approx([total, main_loss, aux_loss], rel=2e-3),
      weighted_sum_ok=bool(abs(total - (main_loss + 0.2 * aux_loss)) < 1e-4))
