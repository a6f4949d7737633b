"""The validation child: the only module that imports TensorFlow (or, in reference mode, Keras 2.2.4).

Run as ``python -m keraslint.validate._child`` or, under another Python, as a plain script.
It reads one JSON request on stdin, imports the framework once, runs every job's build module
with the session cleared between models, and writes one JSON line per job on its own copy of
stdout (the user's code prints to stderr). Keep it importable on Python 3.7 (reference mode)
and free of keraslint imports: it runs where keraslint may not be installed.
"""

from __future__ import absolute_import, print_function

import json
import math
import os
import signal
import sys
import traceback


class BuildTimeout(Exception):
    pass


def main():
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # the user's prints and the framework's chatter must not reach the JSON stream
    sys.stdout = sys.stderr
    request = json.loads(sys.stdin.read())
    _limit_memory(request.get("memory_mb"))
    framework = Framework(request["framework"])
    _send(out, {"versions": framework.versions()})
    os.chdir(request["workdir"])  # anything the module writes lands in a scratch directory
    for job in request["jobs"]:
        _send(out, run_job(framework, job, request))


def _send(out, message):
    out.write(json.dumps(message) + "\n")
    out.flush()


def _limit_memory(megabytes):
    if not megabytes:
        return
    import resource

    limit = int(megabytes) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _on_alarm(signum, frame):
    raise BuildTimeout("timed out")


class Framework(object):
    """tf.keras under current TensorFlow, or standalone Keras 2.2.4 (reference mode)."""

    def __init__(self, name):
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        self.name = name
        if name == "reference":
            import keras
            import tensorflow

            self.keras = keras
        else:
            import tensorflow
            from tensorflow import keras

            self.keras = keras
        self.tensorflow = tensorflow

    def versions(self):
        return {"tensorflow": self.tensorflow.__version__, "keras": self.keras.__version__}

    def reset(self, seed):
        self.keras.backend.clear_session()
        import random

        import numpy

        random.seed(seed)
        numpy.random.seed(seed)
        if self.name == "reference":
            self.tensorflow.set_random_seed(seed)
        else:
            self.keras.utils.set_random_seed(seed)

    def is_model(self, value):
        return isinstance(value, self.keras.models.Model)


def run_job(framework, job, request):
    """Execute one build module; summarise every model it leaves behind and every builder's."""
    result = {"id": job["id"], "models": [], "error": None}
    framework.reset(request["seed"])
    namespace = {"__name__": "__main__", "__file__": job["path"], "__builtins__": __builtins__}
    sys.argv = [job["path"]]
    shims = Shims(job)
    with shims:
        result["error"] = _guarded(job, request, lambda: exec(compile(job["source"], job["path"], "exec"), namespace))
    # Models bound before a failing statement are still the user's models: report them too.
    seen = set()
    for name, value in list(namespace.items()):
        if not name.startswith("_") and framework.is_model(value) and id(value) not in seen:
            seen.add(id(value))
            result["models"].append(_model(framework, name, value, job, request))
    if result["error"] is not None:
        result["notes"] = shims.notes
        return result
    for builder, kwargs in job.get("builders", []):
        framework.reset(request["seed"])
        built = []
        with shims:
            error = _guarded(job, request, lambda: built.append(namespace[builder](**_arguments(kwargs))))
        label = builder + "()"
        if error is not None:
            if kwargs or job.get("strict_builders"):
                result["models"].append({"name": label, "error": error})
        elif framework.is_model(built[0]):
            result["models"].append(_model(framework, label, built[0], job, request))
    result["notes"] = shims.notes
    return result


def _arguments(kwargs):
    """Configured builder arguments; ``{"shape": [...], "dtype": ...}`` stands for an array of zeros."""
    import numpy

    return {name: numpy.zeros(value["shape"], value.get("dtype", "float32"))
            if isinstance(value, dict) and "shape" in value else value
            for name, value in kwargs.items()}


#: NumPy 2 removed these aliases of builtins (``np.float``); scripts of Keras 2.2.4's day use them.
_NUMPY_ALIASES = {"float": float, "int": int, "bool": bool, "object": object, "str": str, "complex": complex}


class Shims(object):
    """While a job runs: stand-ins for what the user's file imports but is missing here, each noted.

    - a third-party module the file imports outside ``try`` (``job["stubbable"]``, found by the
      parent) and that is not installed becomes a stub whose every attribute and call is a stub:
      the build module keeps it only for code that does not build the model;
    - NumPy 2's removed aliases (``np.float``) resolve to the builtins again.
    Only imports made by the user's file itself are stubbed, never a library's optional import.
    """

    def __init__(self, job):
        self.path = job["path"]
        self.stubbable = frozenset(job.get("stubbable", ()))
        self.notes = []
        self.stubbed = []

    def __enter__(self):
        sys.meta_path.append(self)
        numpy = sys.modules.get("numpy")
        self.numpy_getattr = getattr(numpy, "__getattr__", None) if numpy else None
        if self.numpy_getattr is not None and not hasattr(numpy, "float"):
            numpy.__getattr__ = self._numpy_alias
        return self

    def __exit__(self, *exc):
        sys.meta_path.remove(self)
        if self.numpy_getattr is not None:
            sys.modules["numpy"].__getattr__ = self.numpy_getattr
        for name in self.stubbed:
            sys.modules.pop(name, None)
        return False

    def _note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    def _numpy_alias(self, name):
        if name in _NUMPY_ALIASES:
            self._note("np.%s: removed in NumPy 2, aliased to %s for this build" % (name, name))
            return _NUMPY_ALIASES[name]
        return self.numpy_getattr(name)

    # importlib's meta path finder protocol; appended last, so it sees only modules nobody has.
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] not in self.stubbable or not self._imported_by_user():
            return None
        import importlib.machinery

        self.stubbed.append(fullname)
        self._note("stubbed: %s (not installed; the model is built without it)" % fullname.split(".")[0])
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return _StubModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []

    def _imported_by_user(self):
        frame = sys._getframe(2)
        while frame is not None and (frame.f_code.co_filename.startswith("<frozen")
                                     or "importlib" in frame.f_code.co_filename):
            frame = frame.f_back
        return frame is not None and frame.f_code.co_filename == self.path


class _Stub(object):
    """Whatever a stubbed module gives: every attribute, call and item is another stub."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Stub(self._name + "." + name)

    def __call__(self, *args, **kwargs):
        return _Stub(self._name + "()")

    def __getitem__(self, key):
        return _Stub(self._name + "[]")

    def __repr__(self):
        return "<stub %s>" % self._name


class _StubModule(type(sys)):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Stub(self.__name__ + "." + name)


def _guarded(job, request, action):
    """Run ``action`` under the timeout; an error as {type, message, line} pointing at the user's file."""
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(int(request["timeout"]))
    try:
        action()
        return None
    except BaseException as error:  # noqa: BLE001 - the user's code may raise anything, even SystemExit
        if isinstance(error, KeyboardInterrupt):
            raise
        return _error(error, job["path"])
    finally:
        signal.alarm(0)


def _error(error, path):
    error = _cause_in(error, path)
    line = _user_line(error, path)
    if isinstance(error, BuildTimeout):
        message = "build timed out"
    else:
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return {"type": type(error).__name__, "message": message[:300], "line": line}


def _user_line(error, path):
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == path]
    return lines[-1] if lines else None


def _cause_in(error, path):
    """The innermost exception in ``error``'s chain raised through the user's code.

    Keras 3 re-raises a failure inside a Lambda's function as "could not infer the output
    shape", hiding the original (``from None`` keeps it as the context): report that one.
    """
    found, seen = error, set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if error is not found and _user_line(error, path) is not None:
            found = error
        error = error.__cause__ or error.__context__
    return found


def _unbuilt_cause(model):
    """Why a Sequential is not built: Keras 3 swallows a layer's failure while building one
    (a Lambda whose function fails), leaving a model without outputs. Call its layers again."""
    layers = getattr(model, "_layers", None)
    if type(model).__name__ != "Sequential" or not layers or not hasattr(layers[0], "batch_shape"):
        return None
    try:
        tensor = layers[0].output
        for layer in layers[1:]:
            tensor = layer(tensor)
    except Exception as error:  # noqa: BLE001 - whatever the layer raises is the answer
        return error
    return None


def _model(framework, name, model, job, request):
    notes = []
    try:
        if _needs_sequence_input(model):
            model.build((None, None))  # fit() would build it from the data: any sequence length
            notes.append("built for input shape (None, None): token sequences of any length")
        summary = {
            "name": name,
            "layers": [_layer(layer, model) for layer in model.layers],
            "params": int(model.count_params()),
            "config": _model_config(model),
            "train": None,
            "notes": notes,
        }
    except Exception as error:  # noqa: BLE001 - an unbuilt model, a layer without shape
        return {"name": name, "error": _error(_unbuilt_cause(model) or error, job["path"])}
    if request.get("train_steps") and job.get("train"):
        losses = []
        error = _guarded(job, request, lambda: losses.extend(_learn(model, request)))
        summary["train"] = losses if error is None else {"error": error}
    return summary


def _needs_sequence_input(model):
    """A Sequential without an input shape that starts with an Embedding: built by fit() alone."""
    layers = model.layers
    return (type(model).__name__ == "Sequential" and not getattr(model, "inputs", None)
            and layers and type(layers[0]).__name__ == "Embedding")


def _layer(layer, model):
    return {"name": layer.name, "class": _class_name(layer), "shape": _shape(layer, model),
            "params": int(layer.count_params())}


def _class_name(layer):
    name = type(layer).__name__
    return "Model" if name == "Functional" else name


def _shape(layer, model):
    if hasattr(layer, "get_output_shape_at"):  # Keras 2.2.4: the shape of the call in this model
        shape = layer.get_output_shape_at(_node_in(layer, model))
    else:
        output = layer.output
        shape = [t.shape for t in output] if isinstance(output, (list, tuple)) else output.shape
    return _plain(shape)


def _node_in(layer, model):
    """Which of ``layer``'s calls belongs to ``model`` (Keras 2.2.4 keys them "name_ib-N").

    A nested Sequential built on its own first (babi_memnn's encoders) has a call of its own at
    node 0 with an undefined sequence length; the call inside the outer model has the real one.
    """
    nodes = getattr(model, "_network_nodes", ())
    for index in range(len(getattr(layer, "_inbound_nodes", ()))):
        if "%s_ib-%d" % (layer.name, index) in nodes:
            return index
    return 0


def _plain(value):
    """Shapes and configs as JSON: tuples become lists, floats keep 7 significant digits."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ in ("TensorShape", "TrackedList"):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return getattr(value, "__name__", None) or repr(value)
    if math.isnan(number) or math.isinf(number):
        return repr(number)
    if number == int(number) and abs(number) < 2 ** 53 and "int" in type(value).__name__:
        return int(number)
    return float("%.7g" % number)


#: Config keys that name or place an object rather than configure it.
_NOT_SETTINGS = frozenset({"name", "dtype", "build_config", "registered_name", "module"})


def _model_config(model):
    """Every layer's, the optimizer's and compile's settings, flattened to "object.attribute" keys."""
    flat = {}
    shape = getattr(model, "input_shape", None) if getattr(model, "inputs", None) else None
    if shape is not None:  # Keras 3 ignores Embedding(input_length=): the naive port loses it
        flat["model.input_shape"] = _plain(shape)
    for layer in model.layers:
        if not hasattr(layer, "layers"):  # nested models are compared layer by layer elsewhere
            _flatten(layer.name, layer.get_config(), flat)
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and hasattr(optimizer, "get_config"):
        _flatten("optimizer", optimizer.get_config(), flat)
    if hasattr(model, "get_compile_config"):
        compiled = dict(model.get_compile_config() or {})
        compiled.pop("optimizer", None)
        _flatten("compile", compiled, flat)
    return flat


def _flatten(prefix, value, flat):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_SETTINGS:
                _flatten(prefix + "." + str(key), item, flat)
    else:
        flat[prefix] = _plain(value)


def _learn(model, request):
    """Train on one synthetic batch; the loss (dropout off) before and after every step."""
    import numpy

    rng = numpy.random.RandomState(request["seed"])
    batch = request["batch"]
    inputs = [_synthetic_input(rng, tensor, batch) for tensor in model.inputs]
    losses = _loss_names(model)
    targets = [_synthetic_target(rng, tensor, loss, batch) for tensor, loss in zip(model.outputs, losses)]
    history = [_loss(model.test_on_batch(inputs, targets))]
    for _ in range(request["train_steps"]):
        model.train_on_batch(inputs, targets)
        history.append(_loss(model.test_on_batch(inputs, targets)))
    return history


def _dims(tensor, batch):
    return tuple(batch if i == 0 else (8 if d is None else int(d)) for i, d in enumerate(tensor.shape))


def _synthetic_input(rng, tensor, batch):
    shape = _dims(tensor, batch)
    if "int" in str(tensor.dtype):
        return rng.randint(0, 10, size=shape)
    return rng.rand(*shape).astype("float32")


def _synthetic_target(rng, tensor, loss, batch):
    shape = _dims(tensor, batch)
    classes = shape[-1]
    if "sparse" in loss:
        return rng.randint(0, classes, size=shape[:-1])
    if "categorical" in loss:
        return numpy_eye(classes)[rng.randint(0, classes, size=shape[:-1])]
    if "binary" in loss or "hinge" in loss:
        return rng.randint(0, 2, size=shape).astype("float32")
    return rng.rand(*shape).astype("float32")


def numpy_eye(n):
    import numpy

    return numpy.eye(n, dtype="float32")


def _loss_names(model):
    loss = model.loss
    if loss is None:
        raise ValueError("the model is not compiled with a loss")
    if isinstance(loss, dict):
        loss = [loss[name] for name in model.output_names]
    if not isinstance(loss, (list, tuple)):
        loss = [loss] * len(model.outputs)
    return [(item if isinstance(item, str) else getattr(item, "__name__", type(item).__name__)).lower()
            for item in loss]


def _loss(result):
    if isinstance(result, dict):
        return float(result["loss"])
    if isinstance(result, (list, tuple)):
        return float(result[0])
    return float(result)


if __name__ == "__main__":
    main()
