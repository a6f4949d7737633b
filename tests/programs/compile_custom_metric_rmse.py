"""Custom metrics written with the backend, the way Kaggle kernels and blog posts did:
def rmse(y_true, y_pred): return K.sqrt(K.mean(K.square(y_pred - y_true), axis=-1)) and an
R^2 'coeff_determination', passed by function to compile(); History keys are the function
names, read back as history.history['val_rmse'].
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras import backend as K
from keras import optimizers

from _trace import trace, approx, seed_weights


def rmse(y_true, y_pred):
    return K.sqrt(K.mean(K.square(y_pred - y_true), axis=-1))


def coeff_determination(y_true, y_pred):
    SS_res = K.sum(K.square(y_true - y_pred))
    SS_tot = K.sum(K.square(y_true - K.mean(y_true)))
    return 1 - SS_res / (SS_tot + K.epsilon())


np.random.seed(2019)
X = np.random.uniform(-1, 1, (80, 4)).astype('float32')
y = (np.sin(X[:, :1] * 2) + X[:, 1:2] ** 2).astype('float32')
X_val, y_val = X[60:], y[60:]
X, y = X[:60], y[:60]

model = Sequential()
model.add(Dense(20, activation='relu', input_dim=4))
model.add(Dense(1, activation='linear'))
model.compile(loss='mean_squared_error', optimizer=optimizers.Adam(),
              metrics=[rmse, coeff_determination])
seed_weights(model)
history = model.fit(X, y, validation_data=(X_val, y_val), epochs=3, batch_size=10,
                    verbose=0, shuffle=False)
print('val rmse per epoch:', history.history['val_rmse'])

results = model.evaluate(X_val, y_val, verbose=0)
trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      val_rmse=approx(history.history['val_rmse'], rel=5e-3),
      r2=approx(history.history['coeff_determination'], rel=1e-2, abs=1e-3),
      evaluate=approx(results, rel=1e-2))
