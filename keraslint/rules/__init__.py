"""Rule families, one module each; the registry discovers every Rule subclass here."""
