"""KL2xx: BatchNormalization layers, their defaults and their statistics."""
