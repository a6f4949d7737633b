"""KL5xx: Keras 1 spellings that Keras 2.2.4 still converted and tf.keras rejects."""
