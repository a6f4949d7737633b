"""KL1xx: initializers a layer call relies on, written out."""
