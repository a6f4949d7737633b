"""The versions of tf.keras a port is for, and what each is.

Facts that hold on some targets only are tables keyed by these (``..._TARGETS`` tuples next to
the fact, ``impact.py`` per rule). A target compares and hashes as its name, so the settings'
string ``"keras2"`` and ``Target.KERAS2`` are the same key.
"""

from __future__ import annotations

from enum import Enum


class Target(str, Enum):
    KERAS3 = "keras3"  # TF >= 2.16, where tf.keras is Keras 3 (what `pip install tensorflow` gives)
    KERAS2 = "keras2"  # TF <= 2.15, or tf-keras

    __str__ = str.__str__
    __format__ = str.__format__
    __hash__ = str.__hash__


EVERY = (Target.KERAS3, Target.KERAS2)
KERAS3_ONLY = (Target.KERAS3,)
