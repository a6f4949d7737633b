"""What each finding means on each target, if it is left as it is: the code raises there, it
runs but behaves differently from Keras 2.2.4, or it behaves the same (the fix only writes an
unchanged default out, or modernises a name the target still accepts).

The summary counts findings by these groups, and ``--select``/``--ignore`` take their names.
"""

from __future__ import annotations

from keraslint.keras224.targets import Target

from types import MappingProxyType

RAISES, CHANGES, UNCHANGED = "raises", "changes", "unchanged"
GROUPS = (RAISES, CHANGES, UNCHANGED)

_R, _C, _U = RAISES, CHANGES, UNCHANGED

#: rule code -> (impact on keras3, impact on keras2). KL000 (a file that could not be read) is
#: not a finding about Keras code and has no impact.
IMPACT: MappingProxyType[str, tuple[str, str]] = MappingProxyType({
    "KL001": (_R, _R),  # keras.layers.convolutional & co. do not import; `import keras` is Keras 3
    "KL002": (_R, _R),
    "KL003": (_R, _R),
    "KL101": (_U, _U), "KL102": (_U, _U), "KL103": (_U, _U), "KL104": (_U, _U), "KL105": (_U, _U),
    "KL106": (_C, _C),
    "KL201": (_U, _U), "KL202": (_U, _U), "KL203": (_C, _C), "KL204": (_C, _C),
    "KL301": (_R, _C),  # Keras 3 rejects lr=; TF 2.11-2.15 ignore it
    "KL302": (_C, _C),
    "KL303": (_C, _R),  # Keras 3 ignores decay=; TF 2.11-2.15 reject it
    "KL304": (_C, _C), "KL305": (_R, _R), "KL306": (_C, _C), "KL307": (_C, _C), "KL308": (_R, _R),
    "KL309": (_C, _C), "KL310": (_C, _C), "KL311": (_R, _R), "KL312": (_C, _C), "KL313": (_R, _R),
    "KL401": (_C, _C), "KL402": (_C, _C), "KL403": (_C, _C), "KL404": (_R, _R), "KL405": (_R, _R),
    "KL501": (_R, _R), "KL502": (_C, _C), "KL503": (_R, _R), "KL504": (_R, _R), "KL505": (_R, _R),
    "KL506": (_R, _R), "KL507": (_R, _R),
    "KL601": (_R, _U),  # TF 2.15 still has fit_generator (deprecated)
    "KL602": (_R, _R), "KL603": (_R, _U), "KL604": (_R, _U), "KL605": (_R, _R), "KL606": (_C, _C),
    "KL607": (_R, _U), "KL608": (_R, _U), "KL609": (_R, _U), "KL610": (_R, _U), "KL611": (_C, _C),
    "KL612": (_R, _R), "KL613": (_R, _U), "KL614": (_R, _R), "KL615": (_C, _U), "KL616": (_R, _U),
    "KL617": (_R, _U), "KL618": (_C, _U), "KL619": (_C, _U), "KL620": (_R, _U), "KL621": (_R, _U),
    "KL622": (_R, _R), "KL623": (_C, _U), "KL624": (_R, _U), "KL625": (_C, _C), "KL626": (_C, _C), "KL627": (_R, _U), "KL628": (_C, _C),
    "KL701": (_R, _R), "KL702": (_R, _R), "KL703": (_C, _C), "KL704": (_R, _U),
    "KL801": (_R, _R), "KL802": (_C, _U), "KL803": (_C, _U), "KL804": (_R, _U), "KL805": (_R, _U),
})

_TARGET_INDEX = {Target.KERAS3: 0, Target.KERAS2: 1}


def impact(code: str, target: Target) -> str | None:
    """The group of a finding with this code on ``target``; None for KL000."""
    entry = IMPACT.get(code)
    return None if entry is None else entry[_TARGET_INDEX[target]]
