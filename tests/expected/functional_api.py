"""A two-input functional model: question answering over a story (functional API)."""
from tensorflow.keras.layers import Input, Embedding, LSTM, Dense, Dropout
from tensorflow.keras.layers import concatenate
from tensorflow.keras.layers import BatchNormalization
from tensorflow.keras.models import Model
from tensorflow.keras.utils import to_categorical

story = Input(shape=(68,), dtype='int32')
question = Input(shape=(4,), dtype='int32')

encoded_story = Embedding(22, 50, embeddings_initializer='uniform')(story)
encoded_story = LSTM(64, kernel_initializer='glorot_uniform')(encoded_story)  # noqa: KL102 - the default is what we want here

encoded_question = Embedding(22, 50, mask_zero=True, embeddings_initializer='uniform')(question)
encoded_question = LSTM(
    64,
    dropout=0.3,
    kernel_initializer='glorot_uniform',
    recurrent_initializer='orthogonal',
)(encoded_question)

merged = concatenate([encoded_story, encoded_question])
merged = BatchNormalization(axis=-1, momentum=0.9, epsilon=0.001)(merged)
merged = Dropout(0.3)(merged)
answer = Dense(22, activation='softmax', kernel_initializer='glorot_uniform')(merged)

model = Model([story, question], answer)
model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['acc'])
labels = to_categorical([1, 2, 3], 22)
