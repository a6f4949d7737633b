"""How code spells the Keras API: the module prefixes that mean standalone Keras 2.2.4's API."""

from __future__ import annotations

#: Prefixes that are the same Keras API as standalone ``keras``.
KERAS_SPELLINGS = ("tensorflow.keras", "tensorflow.python.keras", "keras")


def to_keras(qualified: str) -> str | None:
    """Map ``tensorflow.keras.layers.Dense`` (or ``keras...``) to ``keras.layers.Dense``."""
    for spelling in KERAS_SPELLINGS:
        if qualified == spelling:
            return "keras"
        if qualified.startswith(spelling + "."):
            return "keras" + qualified[len(spelling):]
    return None
