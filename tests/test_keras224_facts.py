"""Every Keras 2.2.4 fact in keraslint's tables, checked against the real 2.2.4 source.

The sdist (fixture ``keras224``) is parsed with :mod:`ast`, never imported, so these tests
need neither Keras nor TensorFlow. Each fact is its own test case, named after the fact, so a
failure says which table entry is wrong.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.keras224_source import module_file, parse_file, parse_module, target_names
from keraslint.keras224.layers import (
    ALIASES,
    KERAS1_NAMES,
    LEGACY_FUNCTIONS,
    PINNED_DEFAULTS,
    SIGNATURES,
)
from keraslint.keras224.modules import MODULE_MOVES, NAME_MOVES, NO_HOME

INTERFACES = "keras.legacy.interfaces"


# --- reading the 2.2.4 source ------------------------------------------------------------


def module_scope(body: list[ast.stmt]):
    """Statements that run at module scope, including those under if/try/with/for/while."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.If, ast.For, ast.While)):
            yield from module_scope(stmt.body)
            yield from module_scope(stmt.orelse)
        elif isinstance(stmt, ast.With):
            yield from module_scope(stmt.body)
        elif isinstance(stmt, ast.Try):
            yield from module_scope(stmt.body)
            for handler in stmt.handlers:
                yield from module_scope(handler.body)
            yield from module_scope(stmt.orelse)
            yield from module_scope(stmt.finalbody)


def top_level_names(tree: ast.Module) -> set[str]:
    """Names a module defines or imports at module scope (class, def, assignment, import)."""
    names: set[str] = set()
    for stmt in module_scope(tree.body):
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                names.update(target_names(target))
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            names.update(target_names(stmt.target))
        elif isinstance(stmt, ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in stmt.names)
        elif isinstance(stmt, ast.ImportFrom) and stmt.module != "__future__":
            names.update(a.asname or a.name for a in stmt.names if a.name != "*")
    return names


def names_with_star_imports(root: Path, module: str) -> set[str]:
    """``top_level_names`` plus what each ``from .x import *`` of a Keras module brings in."""
    names = top_level_names(parse_module(root, module))
    package = module if module_file(root, module).name == "__init__.py" else module.rpartition(".")[0]
    for stmt in module_scope(parse_module(root, module).body):
        if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            if stmt.level == 0:
                source = stmt.module or ""
            else:
                base = package.split(".")[: len(package.split(".")) - (stmt.level - 1)]
                source = ".".join(base + ([stmt.module] if stmt.module else []))
            if source.split(".")[0] == "keras" and module_file(root, source) is not None:
                names |= top_level_names(parse_module(root, source))
    return names


def find_class(tree: ast.Module, name: str) -> ast.ClassDef | None:
    for stmt in module_scope(tree.body):
        if isinstance(stmt, ast.ClassDef) and stmt.name == name:
            return stmt
    return None


def class_init(root: Path, module: str, cls: str) -> ast.FunctionDef:
    """The ``__init__`` that class ``cls`` itself defines in 2.2.4 module ``module``."""
    node = find_class(parse_module(root, module), cls)
    assert node is not None, f"{module} in Keras 2.2.4 defines no class {cls}"
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            return stmt
    raise AssertionError(f"{module}.{cls} in Keras 2.2.4 defines no __init__ of its own")


def positional_params(init: ast.FunctionDef) -> tuple[str, ...]:
    params = [a.arg for a in [*init.args.posonlyargs, *init.args.args]]
    assert params and params[0] == "self", f"__init__ does not start with self: {params}"
    return tuple(params[1:])


def param_default(init: ast.FunctionDef, name: str) -> ast.expr | None:
    """The default expression of parameter ``name``, or None if it has none (or no such param)."""
    args = init.args
    positional = [*args.posonlyargs, *args.args]
    padded = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in [*zip(positional, padded), *zip(args.kwonlyargs, args.kw_defaults)]:
        if arg.arg == name:
            return default
    return None


def _decorator_name(decorator: ast.expr) -> str | None:
    """``legacy_dense_support`` for ``@interfaces.legacy_dense_support``."""
    if isinstance(decorator, ast.Attribute):
        return decorator.attr
    if isinstance(decorator, ast.Name):
        return decorator.id
    return None


def legacy_decorators(init: ast.FunctionDef) -> list[str]:
    names = [_decorator_name(d) for d in init.decorator_list]
    return [n for n in names if n and n.startswith("legacy_") and n.endswith("_support")]


def _interface_call(root: Path, decorator: str) -> ast.Call:
    """The ``generate_legacy_interface(...)`` call that interfaces.py assigns to ``decorator``."""
    for stmt in module_scope(parse_module(root, INTERFACES).body):
        if (isinstance(stmt, ast.Assign)
                and decorator in {t.id for t in stmt.targets if isinstance(t, ast.Name)}):
            call = stmt.value
            assert isinstance(call, ast.Call) and _decorator_name(call.func) in {
                "generate_legacy_interface", "generate_legacy_method_interface"
            }, f"{decorator} is not made by generate_legacy_interface(...)"
            return call
    raise AssertionError(f"keras/legacy/interfaces.py defines no {decorator}")


def _popped_name(node: ast.expr) -> str | None:
    """``'init'`` for ``kwargs.pop('init')`` (with or without a default)."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "pop" and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "kwargs" and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


def _kwargs_key(target: ast.expr) -> str | None:
    """``'depthwise_initializer'`` for the assignment target ``kwargs['depthwise_initializer']``."""
    if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
            and target.value.id == "kwargs" and isinstance(target.slice, ast.Constant)
            and isinstance(target.slice.value, str)):
        return target.slice.value
    return None


def preprocessor_conversions(func: ast.FunctionDef) -> set[tuple[str, str]]:
    """(old, new) pairs where the preprocessor sets ``kwargs[new]`` to the popped ``kwargs[old]``.

    Both ``kwargs['new'] = kwargs.pop('old')`` and ``v = kwargs.pop('old')`` followed by
    ``kwargs['new'] = v`` count. A value computed from the popped one (a tuple, ``True``) does not.
    """
    holders: dict[str, str] = {}  # local variable -> the old keyword popped into it
    pairs: set[tuple[str, str]] = set()
    assigns = [n for n in ast.walk(func) if isinstance(n, ast.Assign)]
    for node in assigns:
        old = _popped_name(node.value)
        if old is not None:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    holders[target.id] = old
    for node in assigns:
        old = _popped_name(node.value)
        if old is None and isinstance(node.value, ast.Name):
            old = holders.get(node.value.id)
        if old is None:
            continue
        for target in node.targets:
            new = _kwargs_key(target)
            if new is not None:
                pairs.add((old, new))
    return pairs


def legacy_conversions(root: Path, decorator: str) -> set[tuple[str, str]]:
    """Every (Keras-1 name, 2.2.4 argument) pair the decorator ``decorator`` converts."""
    call = _interface_call(root, decorator)
    keywords = {k.arg: k.value for k in call.keywords}
    pairs: set[tuple[str, str]] = set()
    if "conversions" in keywords:
        pairs.update(tuple(p) for p in ast.literal_eval(keywords["conversions"]))
    preprocessor = keywords.get("preprocessor")
    if isinstance(preprocessor, ast.Name):
        funcs = [s for s in module_scope(parse_module(root, INTERFACES).body)
                 if isinstance(s, ast.FunctionDef) and s.name == preprocessor.id]
        assert funcs, f"keras/legacy/interfaces.py defines no {preprocessor.id}"
        pairs.update(preprocessor_conversions(funcs[0]))
    return pairs


def class_legacy_conversions(root: Path, cls: str) -> tuple[list[str], set[tuple[str, str]]]:
    module = SIGNATURES[cls][0]
    decorators = legacy_decorators(class_init(root, module, cls))
    pairs: set[tuple[str, str]] = set()
    for decorator in decorators:
        pairs |= legacy_conversions(root, decorator)
    return decorators, pairs


# --- SIGNATURES ---------------------------------------------------------------------------


@pytest.mark.parametrize("cls", sorted(SIGNATURES))
def test_signature_matches_2_2_4_init(keras224: Path, cls: str) -> None:
    module, params = SIGNATURES[cls]
    actual = positional_params(class_init(keras224, module, cls))
    assert params == actual, (
        f"SIGNATURES[{cls!r}] differs from {module}.{cls}.__init__ in Keras 2.2.4:\n"
        f"  table:  {params}\n  source: {actual}"
    )


# --- ALIASES ------------------------------------------------------------------------------


def _aliases_in(tree: ast.Module) -> dict[str, str]:
    """``{alias: target}`` for every module-scope ``A = B = Target`` with a bare name value."""
    found: dict[str, str] = {}
    for stmt in module_scope(tree.body):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Name):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = stmt.value.id
    return found


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_alias_is_assigned_in_its_class_module(keras224: Path, alias: str) -> None:
    module = SIGNATURES[ALIASES[alias]][0]
    aliases = _aliases_in(parse_module(keras224, module))
    assert alias in aliases, f"{module} in Keras 2.2.4 assigns no {alias}"
    assert aliases[alias] == ALIASES[alias], (
        f"ALIASES[{alias!r}] is {ALIASES[alias]!r} but {module} has {alias} = {aliases[alias]}"
    )


def test_every_2_2_4_alias_of_a_known_layer_is_in_aliases(keras224: Path) -> None:
    """The reverse: an alias of a class keraslint knows must be in ALIASES, or it is missed."""
    layers_dir = keras224 / "keras" / "layers"
    missing = {
        f"{path.stem}: {alias} = {target}"
        for path in sorted(layers_dir.glob("*.py"))
        for alias, target in _aliases_in(parse_file(path)).items()
        if target in SIGNATURES and ALIASES.get(alias) != target
    }
    assert not missing, "Keras 2.2.4 aliases missing from ALIASES:\n  " + "\n  ".join(
        sorted(missing))


# --- PINNED_DEFAULTS ----------------------------------------------------------------------

PINNED = [(arg, cls) for arg in sorted(PINNED_DEFAULTS) for cls in sorted(PINNED_DEFAULTS[arg])]


@pytest.mark.parametrize(("arg", "cls"), PINNED, ids=[f"{c}.{a}" for a, c in PINNED])
def test_pinned_default_matches_2_2_4(keras224: Path, arg: str, cls: str) -> None:
    assert cls in SIGNATURES, f"PINNED_DEFAULTS[{arg!r}] names {cls}, which SIGNATURES lacks"
    module = SIGNATURES[cls][0]
    default = param_default(class_init(keras224, module, cls), arg)
    assert default is not None, f"{module}.{cls}.__init__ in Keras 2.2.4 has no default for {arg}"
    actual = ast.literal_eval(default)
    expected = PINNED_DEFAULTS[arg][cls]
    assert (type(expected), expected) == (type(actual), actual), (
        f"PINNED_DEFAULTS[{arg!r}][{cls!r}] is {expected!r} but Keras 2.2.4 "
        f"{module}.{cls}.__init__ has {arg}={ast.unparse(default)}"
    )


# --- KERAS1_NAMES -------------------------------------------------------------------------

KERAS1 = [
    (arg, cls, old)
    for arg in sorted(KERAS1_NAMES)
    for cls in sorted(KERAS1_NAMES[arg])
    for old in KERAS1_NAMES[arg][cls]
]


@pytest.mark.parametrize(("arg", "cls", "old"), KERAS1,
                         ids=[f"{c}.{a}<-{o}" for a, c, o in KERAS1])
def test_keras1_name_is_converted_by_2_2_4(keras224: Path, arg: str, cls: str, old: str) -> None:
    assert cls in SIGNATURES, f"KERAS1_NAMES[{arg!r}] names {cls}, which SIGNATURES lacks"
    decorators, pairs = class_legacy_conversions(keras224, cls)
    assert decorators, (
        f"{SIGNATURES[cls][0]}.{cls}.__init__ in Keras 2.2.4 has no "
        f"@interfaces.legacy_*_support decorator, so nothing converts {old!r}"
    )
    assert (old, arg) in pairs, (
        f"KERAS1_NAMES[{arg!r}][{cls!r}] has {old!r}, but {cls}'s {', '.join(decorators)} "
        f"does not convert it to {arg}; it converts: {sorted(pairs)}"
    )


@pytest.mark.parametrize(("arg", "cls"), PINNED, ids=[f"{c}.{a}" for a, c in PINNED])
def test_keras1_names_complete_for_pinned_arguments(keras224: Path, arg: str, cls: str) -> None:
    """The reverse: every Keras-1 name 2.2.4 turns into a pinned argument is listed.

    A missing one would make keraslint pin an argument the call already sets.
    """
    assert cls in SIGNATURES, f"PINNED_DEFAULTS[{arg!r}] names {cls}, which SIGNATURES lacks"
    _, pairs = class_legacy_conversions(keras224, cls)
    converted = sorted({old for old, new in pairs if new == arg})
    listed = sorted(KERAS1_NAMES.get(arg, {}).get(cls, ()))
    assert listed == converted, (
        f"KERAS1_NAMES[{arg!r}][{cls!r}] is {listed} but Keras 2.2.4 converts {converted} "
        f"into {arg} for {cls}"
    )


# --- modules.py ---------------------------------------------------------------------------


@pytest.mark.parametrize("module", sorted(MODULE_MOVES))
def test_module_moves_key_is_a_2_2_4_module(keras224: Path, module: str) -> None:
    assert module_file(keras224, module) is not None, (
        f"MODULE_MOVES key {module} is no module or package in Keras 2.2.4")


@pytest.mark.parametrize("module", sorted(NO_HOME))
def test_no_home_key_is_a_2_2_4_module(keras224: Path, module: str) -> None:
    assert module_file(keras224, module) is not None, (
        f"NO_HOME key {module} is no module or package in Keras 2.2.4")


@pytest.mark.parametrize("dotted", sorted(NAME_MOVES))
def test_name_moves_key_is_a_2_2_4_name(keras224: Path, dotted: str) -> None:
    module, _, name = dotted.rpartition(".")
    assert module_file(keras224, module) is not None, (
        f"NAME_MOVES key {dotted}: Keras 2.2.4 has no module {module}")
    names = names_with_star_imports(keras224, module)
    assert name in names, (
        f"NAME_MOVES key {dotted}: Keras 2.2.4 {module} neither defines nor imports {name} "
        f"(its public top-level names: {sorted(n for n in names if not n.startswith('_'))})"
    )


# --- optimizers.py ------------------------------------------------------------------------

from keraslint.keras224 import optimizers as opt_facts  # noqa: E402


def _optimizer_init(root: Path, name: str) -> ast.FunctionDef:
    return class_init(root, "keras.optimizers", name)


@pytest.mark.parametrize("name", sorted(opt_facts.SIGNATURES))
def test_optimizer_signature_and_defaults_match_2_2_4(keras224: Path, name: str) -> None:
    init = _optimizer_init(keras224, name)
    params = positional_params(init)
    table = opt_facts.SIGNATURES[name]
    assert params == tuple(p for p, _ in table), f"{name}: 2.2.4 parameters are {params}"
    for param, value in table:
        default = param_default(init, param)
        assert default is not None and ast.literal_eval(default) == value, (
            f"{name}.{param}: 2.2.4 default is {ast.unparse(default) if default else None}"
        )


def test_optimizer_aliases_are_2_2_4_assignments(keras224: Path) -> None:
    tree = parse_module(keras224, "keras.optimizers")
    assigned = {
        t.id: s.value.id
        for s in tree.body if isinstance(s, ast.Assign) and isinstance(s.value, ast.Name)
        for t in s.targets if isinstance(t, ast.Name)
    }
    assert {a: assigned.get(a) for a in opt_facts.ALIASES} == dict(opt_facts.ALIASES)


@pytest.mark.parametrize("name", sorted(opt_facts.CHANGED_DEFAULTS))
def test_changed_learning_rate_is_the_2_2_4_default(keras224: Path, name: str) -> None:
    pins = opt_facts.CHANGED_DEFAULTS[name]
    assert pins["learning_rate"] == dict(opt_facts.SIGNATURES[name])["lr"]


def test_adagrad_accumulators_started_at_zero(keras224: Path) -> None:
    """initial_accumulator_value=0.0 reproduces 2.2.4, whose accumulators were K.zeros."""
    adagrad = find_class(parse_module(keras224, "keras.optimizers"), "Adagrad")
    source = ast.unparse(adagrad)
    assert "accumulators = [K.zeros(shape) for shape in shapes]" in source
    assert opt_facts.CHANGED_DEFAULTS["Adagrad"]["initial_accumulator_value"] == 0.0


def test_epsilon_none_meant_1e_7(keras224: Path) -> None:
    common = parse_module(keras224, "keras.backend.common")
    values = [ast.literal_eval(s.value) for s in common.body
              if isinstance(s, ast.Assign) and any(getattr(t, "id", None) == "_EPSILON" for t in s.targets)]
    assert values == [opt_facts.EPSILON]
    adam = ast.unparse(_optimizer_init(keras224, "Adam"))
    assert "if epsilon is None:\n        epsilon = K.epsilon()" in adam


def test_2_2_4_decay_formula(keras224: Path) -> None:
    """The schedule KL303 writes assumes 2.2.4's lr * 1 / (1 + decay * iterations)."""
    sgd = ast.unparse(find_class(parse_module(keras224, "keras.optimizers"), "SGD"))
    assert "lr = lr * (1.0 / (1.0 + self.decay * K.cast(self.iterations, K.dtype(self.decay))))" in sgd


# --- keras1.py ----------------------------------------------------------------------------

from keraslint.keras224 import keras1 as k1_facts  # noqa: E402

_CLASS_FILES = ("layers/core.py", "layers/convolutional.py", "layers/pooling.py",
                "layers/recurrent.py", "layers/local.py", "layers/embeddings.py",
                "layers/noise.py", "layers/normalization.py", "layers/advanced_activations.py",
                "layers/convolutional_recurrent.py", "engine/network.py", "engine/training.py",
                "engine/input_layer.py")


def _classes(root: Path) -> dict[str, ast.ClassDef]:
    found = {}
    for name in _CLASS_FILES:
        tree = parse_file(root / "keras" / name)
        found.update({s.name: s for s in tree.body if isinstance(s, ast.ClassDef)})
    return found


def _decorator_of(classes: dict[str, ast.ClassDef], name: str) -> list[str]:
    """The legacy decorators on the __init__ a class runs (its own, or a base class's)."""
    node = classes[name]
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            return legacy_decorators(stmt)
    bases = [b.id for b in node.bases if isinstance(b, ast.Name) and b.id in classes]
    return _decorator_of(classes, bases[0]) if bases else []


@pytest.mark.parametrize("decorator", sorted(k1_facts.CONVERSIONS))
def test_keras1_conversions_match_interfaces(keras224: Path, decorator: str) -> None:
    classes, renames = k1_facts.CONVERSIONS[decorator]
    call = _interface_call(keras224, decorator)
    keywords = {k.arg: k.value for k in call.keywords}
    assert dict(ast.literal_eval(keywords["conversions"])) == dict(renames)
    known = _classes(keras224)
    for cls in classes:
        assert decorator in _decorator_of(known, cls), f"{cls} is not decorated with {decorator}"


def test_keras1_value_conversions_match_interfaces(keras224: Path) -> None:
    dim = ast.literal_eval({k.arg: k.value for k in _interface_call(keras224, "legacy_conv2d_support").keywords}["value_conversions"])
    assert dict(k1_facts.VALUE_CONVERSIONS["dim_ordering"]) == dim["dim_ordering"]
    rnn = ast.literal_eval({k.arg: k.value for k in _interface_call(keras224, "legacy_recurrent_support").keywords}["value_conversions"])
    # The 2.2.4 cells branch on `implementation == 1` only: 0 ran the implementation-2 code.
    assert dict(k1_facts.VALUE_CONVERSIONS["consume_less"]) == {k: v or 2 for k, v in rnn["consume_less"].items()}
    for cell in ("LSTMCell", "GRUCell"):
        source = ast.unparse(find_class(parse_module(keras224, "keras.layers.recurrent"), cell))
        assert source.count("if self.implementation == 1:") == 1
        assert "self.implementation = implementation" in source


@pytest.mark.parametrize("cls", sorted(k1_facts.POSITIONAL_KERNEL_DIMS))
def test_positional_kernel_dims_converted_by_2_2_4(keras224: Path, cls: str) -> None:
    [decorator] = _decorator_of(_classes(keras224), cls)
    preprocessor = {k.arg: k.value for k in _interface_call(keras224, decorator).keywords}["preprocessor"].id
    source = ast.unparse(next(s for s in parse_module(keras224, INTERFACES).body
                              if isinstance(s, ast.FunctionDef) and s.name == preprocessor))
    expected = "conv3d_args_preprocessor" if k1_facts.POSITIONAL_KERNEL_DIMS[cls] == 3 else "conv2d_args_preprocessor"
    assert preprocessor == expected or f"{expected}(args, kwargs)" in source


@pytest.mark.parametrize("name", sorted(LEGACY_FUNCTIONS))
def test_legacy_function_builds_its_class_with_dilation_rate(keras224: Path, name: str) -> None:
    """``AtrousConvolution2D`` pops ``atrous_rate``, passes it as ``dilation_rate``, returns Conv2D."""
    aliases = _aliases_in(parse_module(keras224, "keras.layers.convolutional"))
    function = aliases.get(name, name)
    source = ast.unparse(next(s for s in parse_module(keras224, "keras.legacy.layers").body
                              if isinstance(s, ast.FunctionDef) and s.name == function))
    [(old, new)] = k1_facts.LEGACY_FUNCTION_RENAMES.items()
    assert f"kwargs.pop('{old}')" in source and f"kwargs['{new}'] = rate" in source
    assert f"return {LEGACY_FUNCTIONS[name]}(*args, **kwargs)" in source


def test_deconv_output_shape_dropped_by_position(keras224: Path) -> None:
    [(cls, position)] = k1_facts.DROPPED_POSITIONAL_TUPLE.items()
    source = _preprocessor_source(keras224, "deconv2d_args_preprocessor")
    # ``args`` includes ``self``: five of them is four positional arguments.
    assert f"if len(args) == {position + 2}:" in source
    assert f"isinstance(args[{position + 1}], tuple)" in source and "args = args[:-1]" in source
    assert _decorator_of(_classes(keras224), cls) == ["legacy_deconv2d_support"]


# --- training.py --------------------------------------------------------------------------

from keraslint.keras224 import training as train_facts  # noqa: E402


@pytest.mark.parametrize("method", sorted(train_facts.GENERATOR_METHODS))
def test_generator_method_signature_matches_2_2_4(keras224: Path, method: str) -> None:
    model = find_class(parse_module(keras224, "keras.engine.training"), "Model")
    func = next(s for s in model.body if isinstance(s, ast.FunctionDef) and s.name == method)
    assert positional_params(func) == train_facts.GENERATOR_METHODS[method][1]
    assert "legacy_generator_methods_support" in legacy_decorators(func)
    if method in train_facts.QUIET_METHODS:
        assert ast.literal_eval(param_default(func, "verbose")) == 0


def test_generator_renames_match_interfaces(keras224: Path) -> None:
    call = _interface_call(keras224, "legacy_generator_methods_support")
    conversions = dict(ast.literal_eval({k.arg: k.value for k in call.keywords}["conversions"]))
    assert conversions == dict(train_facts.GENERATOR_RENAMES)
    preprocessor = ast.unparse(next(s for s in parse_module(keras224, INTERFACES).body
                                    if isinstance(s, ast.FunctionDef) and s.name == "generator_methods_args_preprocessor"))
    assert "samples_per_epoch // generator.batch_size" in preprocessor


def test_fit_nb_epoch_popped_by_2_2_4(keras224: Path) -> None:
    model = find_class(parse_module(keras224, "keras.engine.training"), "Model")
    fit = ast.unparse(next(s for s in model.body if isinstance(s, ast.FunctionDef) and s.name == "fit"))
    assert "epochs = kwargs.pop('nb_epoch')" in fit
    assert dict(train_facts.FIT_RENAMES) == {"nb_epoch": "epochs"}


def _preprocessor_source(root: Path, name: str) -> str:
    return ast.unparse(next(s for s in parse_module(root, INTERFACES).body
                            if isinstance(s, ast.FunctionDef) and s.name == name))


@pytest.mark.parametrize("owner,argument", sorted(k1_facts.DROPPED_ARGUMENTS))
def test_dropped_argument_was_popped_by_2_2_4(keras224: Path, owner: str, argument: str) -> None:
    [decorator] = _decorator_of(_classes(keras224), owner)
    preprocessor = {k.arg: k.value for k in _interface_call(keras224, decorator).keywords}["preprocessor"].id
    source = _preprocessor_source(keras224, preprocessor)
    assert f"kwargs.pop('{argument}')" in source
    required = k1_facts.DROPPED_ARGUMENTS[(owner, argument)]
    if required is not k1_facts.ANY:
        assert f"if value != {required}:" in source and "raise TypeError" in source


def test_forget_bias_one_meant_unit_forget_bias(keras224: Path) -> None:
    old, one, new = k1_facts.FORGET_BIAS_ONE
    source = _preprocessor_source(keras224, "recurrent_args_preprocessor")
    assert f"if kwargs['{old}'] == '{one}':" in source and f"kwargs['{new}'] = True" in source


def test_nadam_schedule_decay_in_2_2_4(keras224: Path) -> None:
    nadam = ast.unparse(find_class(parse_module(keras224, "keras.optimizers"), "Nadam"))
    assert "self.beta_1 * (1.0 - 0.5 * K.pow(K.cast_to_floatx(0.96), t * self.schedule_decay))" in nadam
    assert opt_facts.NADAM_SCHEDULE_DECAY in dict(opt_facts.SIGNATURES["Nadam"])


@pytest.mark.parametrize("name", opt_facts.BIAS_CORRECTION_DIFFERS)
def test_bias_correction_counter_in_2_2_4(keras224: Path, name: str) -> None:
    source = ast.unparse(find_class(parse_module(keras224, "keras.optimizers"), name))
    assert "t = K.cast(self.iterations, K.floatx()) + 1" in source


@pytest.mark.parametrize("callback", sorted(train_facts.CALLBACK_SIGNATURES))
def test_callback_signature_matches_2_2_4(keras224: Path, callback: str) -> None:
    init = class_init(keras224, "keras.callbacks", callback)
    assert positional_params(init) == train_facts.CALLBACK_SIGNATURES[callback]
    for name, harmless in train_facts.CALLBACK_REJECTED_BY_KERAS3.get(callback, {}).items():
        if harmless is not None:
            assert ast.literal_eval(param_default(init, name)) == harmless


def test_reduce_lr_epsilon_was_min_delta_in_2_2_4(keras224: Path) -> None:
    source = ast.unparse(class_init(keras224, "keras.callbacks", "ReduceLROnPlateau"))
    assert "if 'epsilon' in kwargs:" in source and "min_delta = kwargs.pop('epsilon')" in source
    assert dict(train_facts.CALLBACK_RENAMES["ReduceLROnPlateau"]) == {"epsilon": "min_delta"}


def test_nb_row_nb_col_meant_kernel_size(keras224: Path) -> None:
    row, col = k1_facts.KERNEL_KEYWORDS[2]
    source = _preprocessor_source(keras224, "conv2d_args_preprocessor")
    assert f"kernel_size = (args[2], kwargs.pop('{col}'))" in source
    assert f"kernel_size = (kwargs.pop('{row}'), kwargs.pop('{col}'))" in source


def test_kernel_dim_keywords_meant_kernel_size(keras224: Path) -> None:
    d1, d2, d3 = k1_facts.KERNEL_KEYWORDS[3]
    source = _preprocessor_source(keras224, "conv3d_args_preprocessor")
    assert f"kernel_size = (args[2], args[3], kwargs.pop('{d3}'))" in source
    assert f"kernel_size = (args[2], kwargs.pop('{d2}'), kwargs.pop('{d3}'))" in source
    assert f"kernel_size = (kwargs.pop('{d1}'), kwargs.pop('{d2}'), kwargs.pop('{d3}'))" in source


@pytest.mark.parametrize("method", sorted(train_facts.PREDICT_HELPERS))
def test_predict_helpers_in_2_2_4(keras224: Path, method: str) -> None:
    sequential = find_class(parse_module(keras224, "keras.engine.sequential"), "Sequential")
    func = next(s for s in sequential.body if isinstance(s, ast.FunctionDef) and s.name == method)
    assert positional_params(func) == train_facts.PREDICT_HELPERS[method]
    assert ast.literal_eval(param_default(func, "verbose")) == 0
    source = ast.unparse(func)
    if method == "predict_classes":
        assert "return proba.argmax(axis=-1)" in source
        assert "return (proba > 0.5).astype('int32')" in source
    else:
        assert "preds = self.predict(x, batch_size, verbose)" in source


def test_accuracy_metric_in_2_2_4(keras224: Path) -> None:
    source = ast.unparse(find_class(parse_module(keras224, "keras.engine.training"), "Model"))
    assert "if metric in ('accuracy', 'acc'):" in source
    assert f"suffix = '{train_facts.HISTORY_KEY}'" in source
    assert f"self.loss_functions[i] == losses.{train_facts.BINARY_LOSS}" in source
    assert "metric_fn = metrics_module.binary_accuracy" in source


def test_2_2_4_saved_hdf5_whatever_the_file_name(keras224: Path) -> None:
    network = find_class(parse_module(keras224, "keras.engine.network"), "Network")
    save_weights = ast.unparse(next(s for s in network.body
                                    if isinstance(s, ast.FunctionDef) and s.name == "save_weights"))
    assert "with h5py.File(filepath, 'w') as f:" in save_weights
    save_model = ast.unparse(next(s for s in parse_module(keras224, "keras.engine.saving").body
                                  if isinstance(s, ast.FunctionDef) and s.name == "save_model"))
    assert "f = h5dict(filepath, mode='w')" in save_model and '.endswith(' not in save_model


@pytest.mark.parametrize("cls", k1_facts.INPUT_SHAPE_CLASSES)
def test_input_dim_became_input_shape_in_2_2_4(keras224: Path, cls: str) -> None:
    [decorator] = _decorator_of(_classes(keras224), cls)
    preprocessor = {k.arg: k.value for k in _interface_call(keras224, decorator).keywords}["preprocessor"].id
    source = _preprocessor_source(keras224, preprocessor)
    assert "if 'input_dim' in kwargs:" in source
    assert "kwargs['input_shape'] = input_shape" in source or "kwargs['input_shape'] = (input_length, input_dim)" in source


@pytest.mark.parametrize("cls", sorted(k1_facts.SPLIT_RENAMES))
def test_split_rename_in_2_2_4(keras224: Path, cls: str) -> None:
    [decorator] = _decorator_of(_classes(keras224), cls)
    preprocessor = {k.arg: k.value for k in _interface_call(keras224, decorator).keywords}["preprocessor"].id
    source = _preprocessor_source(keras224, preprocessor)
    for old, news in k1_facts.SPLIT_RENAMES[cls].items():
        assert f"init = kwargs.pop('{old}')" in source
        for new in news:
            assert f"kwargs['{new}'] = init" in source


def test_add_weight_parameters_and_keras1_order(keras224: Path) -> None:
    layer = find_class(parse_module(keras224, "keras.engine.base_layer"), "Layer")
    add_weight = next(s for s in layer.body if isinstance(s, ast.FunctionDef) and s.name == "add_weight")
    assert positional_params(add_weight) == k1_facts.ADD_WEIGHT_PARAMETERS
    source = _preprocessor_source(keras224, "add_weight_args_preprocessing")
    assert "if isinstance(args[1], (tuple, list)):" in source and "kwargs['shape'] = args[1]" in source
    assert "kwargs['name'] = args[1]" in source


def test_input_keywords_allowed_on_every_2_2_4_layer(keras224: Path) -> None:
    from keraslint.keras224.layers import INPUT_LAYER, KERAS3_INPUT_KEYWORDS

    source = ast.unparse(class_init(keras224, "keras.engine.base_layer", "Layer"))
    for keyword in KERAS3_INPUT_KEYWORDS:
        assert f"'{keyword}'" in source.split("allowed_kwargs = ")[1].split("}")[0]
    input_layer = positional_params(class_init(keras224, "keras.engine.input_layer", INPUT_LAYER))
    assert input_layer[:2] == ("input_shape", "batch_size")


def test_embedding_input_length_was_its_input_shape(keras224: Path) -> None:
    layer, argument = k1_facts.EMBEDDING_INPUT_LENGTH
    source = ast.unparse(class_init(keras224, "keras.layers.embeddings", layer))
    assert f"kwargs['input_shape'] = ({argument},)" in source


def test_2_2_4_optimizers_implement_get_updates(keras224: Path) -> None:
    tree = parse_module(keras224, "keras.optimizers")
    base = find_class(tree, opt_facts.OPTIMIZER_BASE)
    assert any(isinstance(s, ast.FunctionDef) and s.name == opt_facts.LEGACY_UPDATE_METHOD for s in base.body)
    sgd = find_class(tree, "SGD")
    assert any(isinstance(s, ast.FunctionDef) and s.name == opt_facts.LEGACY_UPDATE_METHOD for s in sgd.body)


def test_initializers_whose_values_differ(keras224: Path) -> None:
    from keraslint.keras224 import initializers as init_facts

    tree = parse_module(keras224, "keras.initializers")
    assert {a: t for a, t in _aliases_in(tree).items() if a in init_facts.ALIASES} == dict(init_facts.ALIASES)
    orthogonal = ast.unparse(find_class(tree, "Orthogonal"))
    assert "np.random.seed(self.seed)" in orthogonal and "np.linalg.svd(a, full_matrices=False)" in orthogonal
    identity = ast.unparse(find_class(tree, "Identity"))
    assert "np.concatenate([np.identity(shape[1])] * (shape[0] // shape[1]), axis=0)" in identity


@pytest.mark.parametrize("name", opt_facts.EPSILON_INSIDE_SQRT)
def test_2_2_4_epsilon_outside_the_square_root(keras224: Path, name: str) -> None:
    source = ast.unparse(find_class(parse_module(keras224, "keras.optimizers"), name))
    assert "/ (K.sqrt(new_a) + self.epsilon)" in source


def test_2_2_4_batchnorm_moving_statistics(keras224: Path) -> None:
    from keraslint.keras224.layers import BATCHNORM_MOVING_STATS

    debias, bessel = BATCHNORM_MOVING_STATS
    assert debias in (keras224 / "keras" / "backend" / "tensorflow_backend.py").read_text()
    assert bessel in (keras224 / "keras" / "layers" / "normalization.py").read_text()


def test_2_2_4_model_reset_states_and_graph_arguments(keras224: Path) -> None:
    network = find_class(parse_module(keras224, "keras.engine.network"), "Network")
    method = next(s for s in network.body if isinstance(s, ast.FunctionDef) and s.name == train_facts.RESET_STATES_METHOD)
    assert "if hasattr(layer, 'reset_states') and getattr(layer, 'stateful', False):" in ast.unparse(method)
    model = find_class(parse_module(keras224, "keras.engine.training"), "Model")
    compile_ = next(s for s in model.body if isinstance(s, ast.FunctionDef) and s.name == "compile")
    input_ = next(s for s in parse_module(keras224, "keras.engine.input_layer").body
                  if isinstance(s, ast.FunctionDef) and s.name == "Input")
    params = {"compile": [a.arg for a in compile_.args.args], "Input": [a.arg for a in input_.args.args]}
    for function, argument in train_facts.GRAPH_TENSOR_ARGUMENTS:
        assert argument in params[function]


def test_weighted_metrics_in_2_2_4(keras224: Path) -> None:
    training = ast.unparse(find_class(parse_module(keras224, "keras.engine.training"), "Model"))
    assert f"metric_name_prefix = '{train_facts.WEIGHTED_PREFIX}' if weights is not None else ''" in training
    for loss, accuracy in train_facts.ACCURACY_BY_LOSS.items():
        assert f"metric_fn = metrics_module.{accuracy}" in training
        # categorical accuracy is the `else` of the binary and sparse tests
        assert f"losses.{loss}" in training or accuracy == "categorical_accuracy"
    utils = ast.unparse(parse_module(keras224, "keras.engine.training_utils"))
    # the average over the samples of nonzero weight, that weighted_metric_224 reproduces
    assert "score_array /= K.mean(K.cast(K.not_equal(weights, 0), K.floatx()))" in utils


def test_metric_classes_are_keyed_by_2_2_4_functions(keras224: Path) -> None:
    defined = {stmt.name for dotted in ("keras.losses", "keras.metrics")
               for stmt in parse_module(keras224, dotted).body if isinstance(stmt, ast.FunctionDef)}
    assert set(train_facts.METRIC_CLASSES) <= defined
    assert set(train_facts.ACCURACY_BY_LOSS.values()) <= set(train_facts.METRIC_CLASSES)
