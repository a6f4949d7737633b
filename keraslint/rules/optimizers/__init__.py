"""KL3xx: optimizers: renamed and dropped arguments, changed defaults, removed APIs."""
