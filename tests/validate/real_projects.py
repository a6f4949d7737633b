"""Real third-party packages written against standalone Keras 2.2.4, for validating keraslint.

Five packages from the package index, of the Keras 2.2.4 era (2017-2019), each a package (a
directory with ``__init__.py``) that imports ``keras`` itself (``import keras`` / ``from keras
...``), never ``tf.keras``. Together they have:

- relative imports (``from .layers import X``, ``from . import utils``),
- model factories with a weights-style parameter (``weights=``, ``pretrained=``) that build a
  model without downloading anything when that parameter is None/False,
- modules that branch on ``channels_first`` next to ``channels_last``.

``PROJECTS`` names each one (pip requirement, package directory, the evidence for each property
as file, line and a verbatim piece of that line, and the factories with the Keras 2.2.4 source of
their call's arguments). Every factory listed was built with those arguments under Keras 2.2.4
and TensorFlow 1.13 with no network, given the packages in ``requires``. ``fetch`` downloads and
unpacks one sdist into a cache and returns its project root. Only the names are kept here: the
third-party code itself is never copied into this repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

RELATIVE_IMPORTS = "relative-imports"
WEIGHTS_FACTORY = "weights-factory"
CHANNELS_FIRST = "channels-first"
PROPERTIES = (RELATIVE_IMPORTS, WEIGHTS_FACTORY, CHANNELS_FIRST)

MARKER = ".keraslint-fetched"


@dataclass(frozen=True)
class Evidence:
    """``snippet`` is a verbatim piece of line ``line`` of ``file`` (relative to the project root)."""

    file: str
    line: int
    snippet: str


@dataclass(frozen=True)
class Factory:
    """``target`` is ``module:callable``; ``args`` is the Keras 2.2.4 source of the call's arguments
    (it may use ``keras``), e.g. ``build(args)`` in a script that did ``import keras``."""

    target: str
    args: str = ""


@dataclass(frozen=True)
class Project:
    spec: str  # pip requirement, name==version
    package: str  # the package directory inside the unpacked sdist
    covers: dict[str, tuple[Evidence, ...]]  # property -> evidence; a property it lacks is absent
    factories: tuple[Factory, ...]
    requires: tuple[str, ...] = ()  # distributions `import <package>` needs beyond keras, tensorflow, numpy
    notes: str = ""
    sdist_bytes: int = field(default=0, compare=False)  # size of the sdist when chosen

    @property
    def name(self) -> str:
        return self.spec.split("==")[0]

    @property
    def version(self) -> str:
        return self.spec.split("==")[1]


PROJECTS: tuple[Project, ...] = (
    Project(
        spec="efficientnet==0.0.4",
        package="efficientnet",
        covers={
            RELATIVE_IMPORTS: (
                Evidence("efficientnet/model.py", 38, "from .layers import Swish, DropConnect"),
                Evidence("efficientnet/__init__.py", 17, "from .model import *"),
            ),
            WEIGHTS_FACTORY: (
                Evidence("efficientnet/model.py", 391, "def EfficientNetB0("),
                Evidence("efficientnet/model.py", 392, "input_tensor=None, weights=None, classes=1000"),
                Evidence("efficientnet/model.py", 374, "if weights:"),
            ),
            CHANNELS_FIRST: (
                Evidence("efficientnet/model.py", 86, 'if global_params.data_format == "channels_first":'),
                Evidence("efficientnet/params.py", 229, 'data_format="channels_last",'),
            ),
        },
        factories=(
            Factory("efficientnet.model:EfficientNetB0"),
            Factory("efficientnet.model:EfficientNetB3", "weights=None, include_top=False, input_shape=(64, 64, 3)"),
        ),
        requires=("six", "scikit-image"),
        notes=("efficientnet/__init__.py imports preprocessing.py, which imports skimage at module level. "
               "Import registers custom objects (layers.py:53, initializers.py:88). TF1 calls "
               "(tf.random_normal, tf.div, tf.random_uniform) run when a model is built, whatever keras is."),
        sdist_bytes=13934,
    ),
    Project(
        spec="kerascv==0.0.40",
        package="kerascv",
        covers={
            RELATIVE_IMPORTS: (
                Evidence("kerascv/models/resnet.py", 14, "from .common import conv1x1_block"),
                Evidence("kerascv/model_provider.py", 4, "from .models.resnet import *"),
                Evidence("kerascv/models/resnet.py", 374, "from .model_store import download_model"),
            ),
            WEIGHTS_FACTORY: (
                Evidence("kerascv/models/resnet.py", 288, "pretrained=False,"),
                Evidence("kerascv/models/resnet.py", 503, "def resnet18(**kwargs):"),
            ),
            CHANNELS_FIRST: (
                Evidence("kerascv/models/common.py", 167, 'return K.image_data_format() == "channels_first"'),
                Evidence("kerascv/models/resnet.py", 244, "if is_channels_first() else"),
            ),
        },
        factories=(
            Factory("kerascv.models.resnet:resnet18"),
            Factory("kerascv.models.squeezenet:squeezenet_v1_1"),
            Factory("kerascv.models.mobilenet:mobilenet_w1"),
        ),
        notes=("Weights parameter is pretrained=False (with root='~/.keras/models'). kerascv/__init__.py and "
               "kerascv/models/__init__.py are empty; model_provider.py star-imports every model module. "
               "Uses the private x._keras_shape and keras.engine.saving; h5py/requests only when pretrained."),
        sdist_bytes=75821,
    ),
    Project(
        spec="keras-vggface==0.6",
        package="keras_vggface",
        covers={
            WEIGHTS_FACTORY: (
                Evidence("keras_vggface/vggface.py", 12, "def VGGFace(include_top=True, model='vgg16', weights='vggface',"),
                Evidence("keras_vggface/models.py", 26, "def VGG16(include_top=True, weights='vggface',"),
                Evidence("keras_vggface/models.py", 107, "if weights == 'vggface':"),
            ),
            CHANNELS_FIRST: (
                Evidence("keras_vggface/models.py", 121, "if K.image_data_format() == 'channels_first':"),
                Evidence("keras_vggface/models.py", 144, "if K.image_data_format() == 'channels_last':"),
                Evidence("keras_vggface/utils.py", 38, "if data_format == 'channels_first':"),
            ),
        },
        factories=(
            Factory("keras_vggface.vggface:VGGFace", "weights=None"),
            Factory("keras_vggface.models:VGG16", "weights=None"),
            Factory("keras_vggface.models:RESNET50", "weights=None"),
            Factory("keras_vggface.models:SENET50", "weights=None"),
        ),
        requires=("keras-applications",),
        notes=("No relative imports: absolute self-imports (models.py:19 'from keras_vggface import utils'). "
               "Default weights='vggface' downloads: pass weights=None. VGG16 with the top has 145M parameters. "
               "The sdist is large because it ships PNG diagrams (visualize/)."),
        sdist_bytes=6207358,
    ),
    Project(
        spec="keras-resnet==0.2.0",
        package="keras_resnet",
        covers={
            RELATIVE_IMPORTS: (
                Evidence("keras_resnet/__init__.py", 1, "from . import layers"),
                Evidence("keras_resnet/models/__init__.py", 20, "from ._2d import ("),
                Evidence("keras_resnet/layers/__init__.py", 1, "from ._batch_normalization import BatchNormalization"),
            ),
            CHANNELS_FIRST: (
                Evidence("keras_resnet/models/_2d.py", 68, 'if keras.backend.image_data_format() == "channels_last":'),
                Evidence("keras_resnet/blocks/_2d.py", 58, 'if keras.backend.image_data_format() == "channels_last":'),
            ),
        },
        factories=(
            Factory("keras_resnet.models:ResNet2D18", "keras.layers.Input((64, 64, 3)), classes=10"),
            Factory("keras_resnet.models:ResNet2D50", "keras.layers.Input((64, 64, 3)), classes=10"),
        ),
        notes=("Factories are keras.Model subclasses built functionally in __init__(inputs, blocks=None, "
               "include_top=True, classes=1000, freeze_bn=False); no weights parameter. channels_first is the "
               "else branch (axis = 1). keras_resnet.classifiers.ResNet18 fails under Keras 2.2.4 itself; "
               "keras_resnet.benchmarks imports click and sklearn and is not imported by the package."),
        sdist_bytes=9268,
    ),
    Project(
        spec="keras-unet==0.0.7",
        package="keras_unet",
        covers={
            RELATIVE_IMPORTS: (
                Evidence("keras_unet/__init__.py", 7, "from . import utils"),
                Evidence("keras_unet/models/__init__.py", 1, "from .custom_unet import custom_unet"),
                Evidence("keras_unet/models/vanilla_unet.py", 4, "from .custom_unet import conv2d_block"),
            ),
        },
        factories=(
            Factory("keras_unet.models:custom_unet", "input_shape=(64, 64, 3)"),
            Factory("keras_unet.models:vanilla_unet", "input_shape=(572, 572, 1)"),
            Factory("keras_unet.models:satellite_unet", "input_shape=(64, 64, 3)"),
        ),
        requires=("matplotlib",),
        notes=("Plain functions returning keras.models.Model; input_shape is required, no weights parameter. "
               "keras_unet/__init__.py imports utils.py, which imports matplotlib.pyplot at module level."),
        sdist_bytes=8825,
    ),
)


#: What each project's run covers: the paths given (default: the root) and the builders of the
#: factories that need arguments, as [tool.keraslint.validate] entries.
VALIDATE_RUNS = {
    "efficientnet": {"builders": []},
    "kerascv": {"paths": ["kerascv/models/resnet.py", "kerascv/models/squeezenet.py",
                          "kerascv/models/mobilenet.py"], "builders": []},
    "keras-vggface": {"builders": []},
    "keras-resnet": {"builders": [
        '{ target = "keras_resnet/models/_2d.py:ResNet2D18", kwargs = { inputs = { input = [64, 64, 3] }, classes = 10 } }',
        '{ target = "keras_resnet/models/_2d.py:ResNet2D50", kwargs = { inputs = { input = [64, 64, 3] }, classes = 10 } }',
    ]},
    "keras-unet": {"builders": [
        '{ target = "keras_unet/models/custom_unet.py:custom_unet", kwargs = { input_shape = [64, 64, 3] } }',
        '{ target = "keras_unet/models/vanilla_unet.py:vanilla_unet", kwargs = { input_shape = [572, 572, 1] } }',
        '{ target = "keras_unet/models/satellite_unet.py:satellite_unet", kwargs = { input_shape = [64, 64, 3] } }',
    ]},
}


def config_text(name: str, timeout: int = 300) -> str:
    """A keraslint.toml with the [validate] builders of VALIDATE_RUNS[name]."""
    builders = ",\n    ".join(VALIDATE_RUNS[name]["builders"])
    return f"[validate]\ntimeout = {timeout}\nbuilders = [\n    {builders}\n]\n"


def default_cache_dir() -> Path:
    """``~/.cache/keraslint-tests/real-projects`` (the tests' cache root moves with
    ``$KERASLINT_TEST_CACHE`` or ``$XDG_CACHE_HOME``, as in tests/conftest.py)."""
    root = os.environ.get("KERASLINT_TEST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "keraslint-tests"
    )
    return Path(root) / "real-projects"


def _split(name_spec: str) -> tuple[str, str]:
    name, sep, version = name_spec.partition("==")
    if not sep or not name.strip() or not version.strip():
        raise ValueError(f"expected name==version, got {name_spec!r}")
    return name.strip(), version.strip()


def _normalized(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _known_package(name_spec: str) -> str | None:
    name, version = _split(name_spec)
    for project in PROJECTS:
        if _normalized(project.name) == _normalized(name) and project.version == version:
            return project.package
    return None


def _complete(root: Path, package: str | None) -> bool:
    if not (root / MARKER).is_file():
        return False
    return package is None or (root / package / "__init__.py").is_file()


def _pip(args: list[str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
               "--no-input", "--progress-bar", "off", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def _download(name_spec: str, into: Path) -> Path:
    """The sdist of ``name_spec``, downloaded into ``into`` (the wheel if no sdist can be had)."""
    attempts = [
        ["--no-binary", ":all:", name_spec],
        # Old setup.py files can fail metadata preparation in an isolated build environment.
        ["--no-binary", ":all:", "--no-build-isolation", name_spec],
        ["--only-binary", ":all:", name_spec],
    ]
    failures = []
    for args in attempts:
        shutil.rmtree(into, ignore_errors=True)
        into.mkdir(parents=True)
        done = _pip([*args, "-d", str(into)])
        files = [p for p in into.iterdir() if p.is_file()]
        if done.returncode == 0 and len(files) == 1:
            return files[0]
        failures.append(f"$ pip download {' '.join(args)}\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    raise RuntimeError(f"could not download {name_spec}:\n" + "\n".join(failures))


def _safe_member_path(name: str, dest: Path) -> Path:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise RuntimeError(f"unsafe path in archive: {name!r}")
    target = (dest / Path(*pure.parts)).resolve() if pure.parts else dest.resolve()
    if target != dest.resolve() and dest.resolve() not in target.parents:
        raise RuntimeError(f"unsafe path in archive: {name!r}")
    return target


def _unpack(archive: Path, dest: Path) -> None:
    """Extracts regular files and directories only; links, devices and paths leaving ``dest`` are
    refused or skipped."""
    dest.mkdir(parents=True, exist_ok=True)
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                target = _safe_member_path(info.filename, dest)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
        return
    with tarfile.open(archive, "r:*") as tar:
        members = []
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir()):
                continue  # sdists need no links, devices or fifos
            _safe_member_path(member.name, dest)
            member.mode = (member.mode | 0o600) & 0o755 if member.isfile() else 0o755
            members.append(member)
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, members=members, filter="data")
        else:
            tar.extractall(dest, members=members)


def _project_root(unpacked: Path, package: str | None) -> Path:
    """The directory holding the package: the sdist's single top folder (or a folder below it,
    e.g. ``src/``), or ``unpacked`` itself for a wheel."""
    candidates = [unpacked]
    entries = [p for p in unpacked.iterdir() if p.is_dir() and not p.name.endswith((".dist-info", ".data"))]
    if len(entries) == 1 and not (entries[0] / "__init__.py").is_file():
        candidates.insert(0, entries[0])
    if package is None:
        return candidates[0]
    for base in candidates:
        for root in (base, *sorted(p for p in base.iterdir() if p.is_dir())):
            if (root / package / "__init__.py").is_file():
                return root
    raise RuntimeError(f"no package {package}/__init__.py in {unpacked}")


def fetch(name_spec: str, cache_dir: Path | str | None = None) -> Path:
    """Downloads the sdist of ``name_spec`` (``name==version``), unpacks it into
    ``cache_dir/<name>-<version>/`` and returns that folder: the project root, which holds the
    package directory. A complete earlier unpacking is returned without the network."""
    name, version = _split(name_spec)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    package = _known_package(name_spec)
    final = cache / f"{_normalized(name)}-{version}"
    if _complete(final, package):
        return final
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".fetch-") as tmp:
        archive = _download(name_spec, Path(tmp) / "download")
        unpacked = Path(tmp) / "unpacked"
        _unpack(archive, unpacked)
        root = _project_root(unpacked, package)
        (root / MARKER).write_text(f"{name_spec}\n{archive.name}\n{archive.stat().st_size}\n")
        if final.exists() and not _complete(final, package):
            shutil.rmtree(final)  # an unpacking that was cut short
        try:
            os.replace(root, final)
        except OSError:
            if not _complete(final, package):  # else another process got there first
                raise
    return final


if __name__ == "__main__":
    for project in PROJECTS:
        print(fetch(project.spec))
