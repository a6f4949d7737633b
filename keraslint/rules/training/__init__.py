"""KL6xx: training, callbacks, metrics, saving and loading."""
