"""Keras 2.2.4 initializers whose values tf.keras computes differently (docs/facts.md §2).

No argument reproduces them, so keraslint only reports them, and only when asked (KL106).
"""

from __future__ import annotations

from types import MappingProxyType

#: 2.2.4 lower-case aliases (initializers.py: ``identity = Identity``).
ALIASES: MappingProxyType[str, str] = MappingProxyType({"identity": "Identity", "orthogonal": "Orthogonal"})

#: class -> (the argument that makes the difference show, or None for any call; what differs).
#: Orthogonal: 2.2.4 seeded numpy's global generator and took an SVD; tf.keras uses a QR of
#: its own generator: the same distribution, other matrices for the same seed.
#: Identity: for a non-square shape 2.2.4 tiled identity blocks ((2, 4) gives
#: [[1,0,1,0],[0,1,0,1]]); tf.keras gives tf.eye's [[1,0,0,0],[0,1,0,0]].
VALUES_DIFFER: MappingProxyType[str, tuple[str | None, str]] = MappingProxyType({
    "Orthogonal": ("seed", "a seeded `Orthogonal` gives other matrices than 2.2.4 for the same seed"),
    "Identity": (None, "for a non-square shape 2.2.4's `Identity` tiled identity blocks; "
                       "tf.keras fills the rest with zeros"),
})
