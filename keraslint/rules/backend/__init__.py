"""KL7xx: the backend (`keras.backend`) and the TensorFlow 1 functions beside it."""
