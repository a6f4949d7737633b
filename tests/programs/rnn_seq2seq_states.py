"""Character-level sequence-to-sequence as in the Keras ``lstm_seq2seq.py`` example: an encoder
``LSTM(latent_dim, return_state=True)`` whose ``[state_h, state_c]`` become the decoder's
``initial_state=``, a decoder ``LSTM(..., return_sequences=True, return_state=True)``, training with
teacher forcing and ``validation_split``, then separate inference models (``encoder_model``,
``decoder_model`` taking state ``Input``s) and the greedy ``decode_sequence`` loop.
"""
from __future__ import print_function

from keras.models import Model
from keras.layers import Input, LSTM, Dense
import numpy as np

from _trace import trace, approx, seed_weights

batch_size = 8
epochs = 3
latent_dim = 12
num_encoder_tokens = 6
num_decoder_tokens = 7  # token 0 is the start character, 6 the stop character
max_encoder_seq_length = 5
max_decoder_seq_length = 7

np.random.seed(8)
n = 40
encoder_input_data = np.zeros((n, max_encoder_seq_length, num_encoder_tokens), dtype='float32')
decoder_input_data = np.zeros((n, max_decoder_seq_length, num_decoder_tokens), dtype='float32')
decoder_target_data = np.zeros((n, max_decoder_seq_length, num_decoder_tokens), dtype='float32')
for i in range(n):
    seq = np.random.randint(0, num_encoder_tokens, max_encoder_seq_length)
    target = [0] + list(seq[::-1] % 5 + 1) + [6]
    for t, tok in enumerate(seq):
        encoder_input_data[i, t, tok] = 1.
    for t, tok in enumerate(target):
        decoder_input_data[i, t, tok] = 1.
        if t > 0:
            decoder_target_data[i, t - 1, tok] = 1.

# Define an input sequence and process it.
encoder_inputs = Input(shape=(None, num_encoder_tokens))
encoder = LSTM(latent_dim, return_state=True)
encoder_outputs, state_h, state_c = encoder(encoder_inputs)
# We discard `encoder_outputs` and only keep the states.
encoder_states = [state_h, state_c]

decoder_inputs = Input(shape=(None, num_decoder_tokens))
decoder_lstm = LSTM(latent_dim, return_sequences=True, return_state=True)
decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=encoder_states)
decoder_dense = Dense(num_decoder_tokens, activation='softmax')
decoder_outputs = decoder_dense(decoder_outputs)

model = Model([encoder_inputs, decoder_inputs], decoder_outputs)
model.compile(optimizer='rmsprop', loss='categorical_crossentropy')
seed_weights(model, seed=40, scale=0.3)
initial_loss = model.evaluate([encoder_input_data, decoder_input_data], decoder_target_data,
                              batch_size=batch_size, verbose=0)
history = model.fit([encoder_input_data, decoder_input_data], decoder_target_data,
                    batch_size=batch_size, epochs=epochs, validation_split=0.2,
                    shuffle=False, verbose=0)

# Next: inference mode (sampling).
encoder_model = Model(encoder_inputs, encoder_states)

decoder_state_input_h = Input(shape=(latent_dim,))
decoder_state_input_c = Input(shape=(latent_dim,))
decoder_states_inputs = [decoder_state_input_h, decoder_state_input_c]
decoder_outputs, state_h, state_c = decoder_lstm(decoder_inputs, initial_state=decoder_states_inputs)
decoder_states = [state_h, state_c]
decoder_outputs = decoder_dense(decoder_outputs)
decoder_model = Model([decoder_inputs] + decoder_states_inputs, [decoder_outputs] + decoder_states)


def decode_sequence(input_seq):
    # Encode the input as state vectors.
    states_value = encoder_model.predict(input_seq)
    target_seq = np.zeros((1, 1, num_decoder_tokens))
    target_seq[0, 0, 0] = 1.
    decoded = []
    probs = []
    while True:
        output_tokens, h, c = decoder_model.predict([target_seq] + states_value)
        sampled_token_index = int(np.argmax(output_tokens[0, -1, :]))
        decoded.append(sampled_token_index)
        probs.append(float(output_tokens[0, -1, sampled_token_index]))
        if sampled_token_index == 6 or len(decoded) > max_decoder_seq_length:
            break
        target_seq = np.zeros((1, 1, num_decoder_tokens))
        target_seq[0, 0, sampled_token_index] = 1.
        states_value = [h, c]
    return decoded, probs


states = encoder_model.predict(encoder_input_data[:3])
decoded, probs = decode_sequence(encoder_input_data[:1])

trace(history_keys=sorted(history.history.keys()),
      initial_loss=approx(initial_loss, rel=1e-4),
      loss=approx(history.history['loss'], rel=2e-2),
      val_loss=approx(history.history['val_loss'], rel=2e-2),
      encoder_outputs=[type(states).__name__, len(states)] + [list(s.shape) for s in states],
      decoder_model_outputs=len(decoder_model.outputs),
      decoder_model_inputs=len(decoder_model.inputs),
      decoded_length=len(decoded),
      max_prob=approx(max(probs), rel=2e-2),
      params=model.count_params())
