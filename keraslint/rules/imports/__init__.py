"""KL0xx: imports of standalone Keras, and Keras names that moved or have no home."""
