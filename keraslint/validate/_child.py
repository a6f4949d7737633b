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
        backend = keras.backend
        # What a fresh process has; every build starts from it (a file that switches to
        # channels_first must not change the next file's models).
        self.defaults = (backend.image_data_format(), backend.floatx(), backend.epsilon())

    def versions(self):
        return {"tensorflow": self.tensorflow.__version__, "keras": self.keras.__version__}

    def reset(self, seed):
        backend = self.keras.backend
        backend.clear_session()
        data_format, floatx, epsilon = self.defaults
        backend.set_image_data_format(data_format)
        backend.set_floatx(floatx)
        backend.set_epsilon(epsilon)
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
    """Execute one build module; summarise every model it leaves behind and every builder's.

    The module runs as its package does: ``job["sys_path"]`` leads sys.path and ``job["package"]``
    resolves its relative imports. The project's modules it imported are forgotten afterwards.
    """
    result = {"id": job["id"], "models": [], "error": None}
    saved_path, saved_modules = list(sys.path), set(sys.modules)
    sys.path[:0] = job.get("sys_path", [])
    try:
        _run_job(framework, job, request, result)
    finally:
        sys.path[:] = saved_path
        _forget_project_modules(job, saved_modules)
    return result


def _run_job(framework, job, request, result):
    framework.reset(request["seed"])
    namespace = {"__name__": "__main__", "__file__": job.get("file", job["path"]), "__builtins__": __builtins__,
                 "__package__": job.get("package") or None}
    sys.argv = [job["path"]]
    shims = Shims(job)
    with shims:
        result["error"] = _guarded(job, request, lambda: exec(compile(job["source"], job["path"], "exec"), namespace))
    # Models bound before a failing statement are still the user's models: report them too.
    # A job that runs one builder reports only what the builder makes (the module's own
    # models have a job of their own, so one model's failure never takes another's result).
    seen = set()
    for name, value in list(namespace.items()) if not job.get("builders_only") else ():
        if not name.startswith("_") and framework.is_model(value) and id(value) not in seen:
            seen.add(id(value))
            result["models"].append(_model(framework, name, value, job, request))
    if result["error"] is not None:
        result["notes"] = shims.notes
        return
    for item in job.get("builders", []):
        builder, kwargs = item[0], item[1]
        strict = item[2] if len(item) > 2 else bool(kwargs)
        framework.reset(request["seed"])
        built = []
        with shims:
            error = _guarded(job, request, lambda: built.append(_lookup(namespace, builder)(**_arguments(kwargs, framework))))
        label = builder + "()"
        if error is not None:
            if strict or job.get("strict_builders"):
                result["models"].append({"name": label, "error": error})
        elif framework.is_model(built[0]):
            result["models"].append(_model(framework, label, built[0], job, request))
    result["notes"] = shims.notes


def _lookup(namespace, dotted):
    """``build`` or ``Net.build`` (a static or class method) in the module's namespace."""
    head, _, rest = dotted.partition(".")
    value = namespace[head]
    for part in rest.split(".") if rest else ():
        value = getattr(value, part)
    return value


def _forget_project_modules(job, before):
    roots = tuple(os.path.join(root, "") for root in job.get("project", ()))
    if not roots:
        return
    for name in set(sys.modules) - before:
        module = sys.modules.get(name)
        where = getattr(module, "__file__", None) or ""
        if where.startswith(roots) or not where and name.split(".")[0] in job.get("local", ()):
            sys.modules.pop(name, None)


def _arguments(kwargs, framework):
    """Configured builder arguments: ``{"shape": [...], "dtype": ...}`` stands for an array of zeros,
    ``{"input": [...]}`` for a Keras ``Input`` of that shape (factories that take a tensor)."""
    import numpy

    def value(item):
        if isinstance(item, dict) and "shape" in item:
            return numpy.zeros(item["shape"], item.get("dtype", "float32"))
        if isinstance(item, dict) and "input" in item:
            return framework.keras.layers.Input(shape=tuple(item["input"]))
        return item
    return {name: value(item) for name, item in kwargs.items()}


#: NumPy 2 removed these aliases of builtins (``np.float``); scripts of Keras 2.2.4's day use them.
_NUMPY_ALIASES = {"float": float, "int": int, "bool": bool, "object": object, "str": str, "complex": complex}


class Shims(object):
    """While a job runs: stand-ins for what the user's file imports but is missing here, each noted.

    - a third-party module the file imports outside ``try`` (``job["stubbable"]``, found by the
      parent) and that is not installed becomes a stub whose every attribute and call is a stub:
      the build module keeps it only for code that does not build the model;
    - NumPy 2's removed aliases (``np.float``) resolve to the builtins again.
    Only imports made by the user's project are stubbed, never a library's optional import.
    """

    def __init__(self, job):
        self.path = job["path"]
        self.project = tuple(os.path.join(root, "") for root in job.get("project", ()))
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
        if frame is None:
            return False
        filename = frame.f_code.co_filename
        return filename == self.path or bool(self.project) and filename.startswith(self.project)


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
        message = _first_line(str(error))
    return {"type": type(error).__name__, "message": message[:300], "line": line}


def _first_line(text):
    """The line that says what went wrong: Keras 3 heads a layer's error with "Exception encountered
    when calling X.call()." and puts the cause on the next non-empty line."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # Keras 3 makes the cause bold
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    if lines[0].startswith("Exception encountered when calling") and len(lines) > 1:
        return "%s %s" % (lines[0], lines[1])
    return lines[0]


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
    numbers = job.get("numbers")
    if numbers:
        error = _guarded(job, request, lambda: summary.update(_numbers(framework, model, name, numbers, request)))
        if error is not None:
            summary["numbers"] = {"error": error}
        elif "losses" in summary["numbers"]:
            summary["train"] = summary["numbers"]["losses"]  # trained from Keras 2.2.4's weights
    if request.get("train_steps") and job.get("train") and "losses" not in summary.get("numbers", {}):
        losses = []
        error = _guarded(job, request, lambda: losses.extend(_learn(model, request)))
        summary["train"] = losses if error is None else {"error": error}
    elif request.get("fit_check") and job.get("train") and not request.get("train_steps"):
        summary["fit_check"] = _fit_check(model, job, request)
    return summary


def _fit_check(model, job, request):
    """One training step on a tiny synthetic batch: a model that builds but cannot train fails here
    (a compile setting Keras rejects only at the first fit). None when it trained or is not compiled."""
    if getattr(model, "optimizer", None) is None or getattr(model, "loss", None) is None:
        return None
    check = dict(request, train_steps=1, batch=2)
    return _guarded(job, check, lambda: _learn(model, check))


def _numbers(framework, model, name, numbers, request):
    """Reference mode: Keras 2.2.4 saves its seeded weights, a probe batch and what the model makes of
    it (and, with --train-steps, its losses); a port loads those weights by layer order and answers
    with its own outputs and losses on the same batch."""
    import numpy

    path = os.path.join(numbers["dir"], "%s--%s.npz" % (numbers["key"], name.replace("/", "_")))
    if framework.name == "reference":
        rng = numpy.random.RandomState(request["seed"])
        inputs = [_synthetic_input(rng, tensor, 2) for tensor in model.inputs]
        arrays = {"x%d" % i: x for i, x in enumerate(inputs)}
        outputs = _outputs(model, inputs)
        for i, y in enumerate(outputs):
            arrays["y%d" % i] = y
        for i, weights in enumerate(_weighted(model)):
            for j, w in enumerate(weights):
                arrays["w%d_%d" % (i, j)] = w
        # A model that samples while predicting (a VAE's encoder) answers twice differently.
        found = {"random": any(not numpy.array_equal(a, b) for a, b in zip(outputs, _outputs(model, inputs)))}
        if request.get("train_steps") and getattr(model, "loss", None) is not None:
            found["losses"] = _learn(model, request)
        numpy.savez(path, **arrays)
        return {"numbers": found}
    if not os.path.exists(path):
        return {"numbers": {"error": {"type": "NoReference", "message": "no model of this name under Keras 2.2.4",
                                      "line": None}}}
    saved = numpy.load(path)
    reference = _layered(saved, "w")
    mine = _weighted(model)
    if len(mine) != len(reference):
        return {"numbers": {"fits": "%d layers with weights here, %d under Keras 2.2.4" % (len(mine), len(reference))}}
    layers = [layer for layer in _leaf_layers(model) if layer.get_weights()]
    for layer, ours, theirs in zip(layers, mine, reference):
        shapes = [tuple(w.shape) for w in ours], [tuple(w.shape) for w in theirs]
        if shapes[0] != shapes[1]:
            return {"numbers": {"fits": "%s: weights %s here, %s under Keras 2.2.4" % (layer.name, shapes[0], shapes[1])}}
    for layer, theirs in zip(layers, reference):
        layer.set_weights(theirs)
    inputs = [saved["x%d" % i] for i in range(len([k for k in saved.files if k.startswith("x")]))]
    expected = [saved["y%d" % i] for i in range(len([k for k in saved.files if k.startswith("y")]))]
    got = _outputs(model, inputs)
    found = {"fits": None, "max_abs_diff": max(float(numpy.max(numpy.abs(a - b))) if a.shape == b.shape
                                               else float("inf") for a, b in zip(got, expected)),
             "scale": max(float(numpy.max(numpy.abs(b))) for b in expected)}
    if request.get("train_steps") and getattr(model, "loss", None) is not None:
        found["losses"] = _learn(model, request)
    return {"numbers": found}


def _weighted(model):
    """Each layer's weights, for the layers that have any, in model.layers order; a nested model
    by its own layers (2.2.4 lists a model's trainable weights before the others, Keras 3 by layer)."""
    return [layer.get_weights() for layer in _leaf_layers(model) if layer.get_weights()]


def _leaf_layers(model):
    for layer in model.layers:
        if hasattr(layer, "layers") and layer is not model:
            for inner in _leaf_layers(layer):
                yield inner
        else:
            yield layer


def _layered(saved, prefix):
    layers = {}
    for key in saved.files:
        if key.startswith(prefix):
            i, j = map(int, key[len(prefix):].split("_"))
            layers.setdefault(i, {})[j] = saved[key]
    return [[weights[j] for j in sorted(weights)] for _, weights in sorted(layers.items())]


def _outputs(model, inputs):
    """The model's answer to ``inputs``, from fresh states (a stateful RNN remembers the last batch)."""
    import numpy

    for layer in _leaf_layers(model):
        if getattr(layer, "stateful", False) and hasattr(layer, "reset_states"):
            layer.reset_states()

    result = model.predict(inputs if len(inputs) > 1 else inputs[0], batch_size=len(inputs[0]), verbose=0)
    return [numpy.asarray(r, dtype="float64") for r in (result if isinstance(result, list) else [result])]


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


#: The size given to an undefined dimension of a synthetic batch: a sequence's length, and an
#: image's side (rank 4: batch, rows, columns, channels), enough for the stems of InceptionV3
#: (75) and Xception (71).
UNDEFINED_SIZE = 32
UNDEFINED_IMAGE_SIZE = 96


def _dims(tensor, batch):
    """A synthetic batch's shape; a batch size the model fixes (a stateful RNN's) is kept."""
    dims = [getattr(d, "value", d) for d in tensor.shape]  # TF 1.13 gives Dimension objects
    undefined = UNDEFINED_IMAGE_SIZE if len(dims) == 4 else UNDEFINED_SIZE
    return tuple((batch if d is None else int(d)) if i == 0 else (undefined if d is None else int(d))
                 for i, d in enumerate(dims))


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
