"""Keras 2.2.4 optimizers, and what changed in tf.keras (see docs/facts.md §1).

Cross-checked against ``keras/optimizers.py`` of the 2.2.4 sdist and against installed
TensorFlow by the fact tests.
"""

from __future__ import annotations

from keraslint.keras224.targets import EVERY, KERAS3_ONLY, Target

from types import MappingProxyType

#: class -> its 2.2.4 ``__init__`` parameters (after self) and their defaults, in order.
SIGNATURES: MappingProxyType[str, tuple[tuple[str, object], ...]] = MappingProxyType({
    "SGD": (("lr", 0.01), ("momentum", 0.0), ("decay", 0.0), ("nesterov", False)),
    "RMSprop": (("lr", 0.001), ("rho", 0.9), ("epsilon", None), ("decay", 0.0)),
    "Adagrad": (("lr", 0.01), ("epsilon", None), ("decay", 0.0)),
    "Adadelta": (("lr", 1.0), ("rho", 0.95), ("epsilon", None), ("decay", 0.0)),
    "Adam": (("lr", 0.001), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", None),
             ("decay", 0.0), ("amsgrad", False)),
    "Adamax": (("lr", 0.002), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", None),
               ("decay", 0.0)),
    "Nadam": (("lr", 0.002), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", None),
              ("schedule_decay", 0.004)),
})

#: Lower-case aliases 2.2.4 kept (``sgd = SGD`` in optimizers.py); tf.keras has only classes.
ALIASES: MappingProxyType[str, str] = MappingProxyType({
    name.lower(): name for name in SIGNATURES
})

#: Defaults that changed: class -> {tf.keras argument: the value that reproduces 2.2.4}.
#: Adagrad's accumulators started at zero in 2.2.4 (``K.zeros``); tf.keras starts at 0.1.
CHANGED_DEFAULTS: MappingProxyType[str, MappingProxyType[str, float]] = MappingProxyType({
    "Adadelta": MappingProxyType({"learning_rate": 1.0}),
    "Adagrad": MappingProxyType({"learning_rate": 0.01, "initial_accumulator_value": 0.0}),
    "Adamax": MappingProxyType({"learning_rate": 0.002}),
    "Nadam": MappingProxyType({"learning_rate": 0.002}),
})

#: 2.2.4 keyword -> tf.keras keyword with the same meaning. `clipnorm` clipped by the
#: global norm in 2.2.4; tf.keras's `clipnorm` clips each tensor, `global_clipnorm` matches.
RENAMED_ARGUMENTS: MappingProxyType[str, str] = MappingProxyType({
    "lr": "learning_rate",
    "clipnorm": "global_clipnorm",
})

#: ``epsilon=None`` meant ``K.epsilon()`` in 2.2.4 (backend/common.py ``_EPSILON = 1e-7``);
#: tf.keras stores the None and fails on the first training step.
EPSILON = 1e-7


#: Nadam's 2.2.4 momentum schedule, beta_1 * (1 - 0.5 * 0.96 ** (t * schedule_decay)).
#: tf.keras's new Nadam hard-codes 0.96 ** t and rejects the argument; only
#: tf.keras.optimizers.legacy.Nadam (TF 2.11-2.15, tf-keras) keeps it.
NADAM_SCHEDULE_DECAY = "schedule_decay"
NADAM_DEFAULT_SCHEDULE_DECAY = dict(SIGNATURES["Nadam"])["schedule_decay"]
LEGACY_NADAM = "tf.keras.optimizers.legacy.Nadam"

#: Optimizers whose updates differ from 2.2.4 by the bias-correction step (2.2.4's first
#: update used t=2), which no argument can change.
BIAS_CORRECTION_DIFFERS = ("Adam", "Adamax", "Nadam")

#: Optimizers whose 2.2.4 update divided by ``sqrt(a) + epsilon``; tf.keras's new optimizers
#: (TF >= 2.11, Keras 3) use ``sqrt(a + epsilon)``: a small difference, larger where a ≈ 0.
EPSILON_INSIDE_SQRT = ("RMSprop", "Adagrad")

#: The 2.2.4 base class custom optimizers subclassed, and the method they wrote. tf.keras's
#: optimizers (TF >= 2.11, Keras 3) have no ``get_updates``: they call ``update_step`` per
#: variable, so a subclass's ``get_updates`` is never called.
OPTIMIZER_BASE, LEGACY_UPDATE_METHOD = "Optimizer", "get_updates"

#: 2.2.4 optimizer attributes (``model.optimizer.lr``) -> the tf.keras attribute with the same
#: value, on every target (``clipnorm=`` is ``global_clipnorm=`` in tf.keras: KL304).
RENAMED_ATTRIBUTES: MappingProxyType[str, str] = MappingProxyType({
    "lr": "learning_rate",
    "clipnorm": "global_clipnorm",
})

#: Keras 2.2.4's optimizers, as a subclass of the tf.keras class made by one function that
#: keraslint adds to a module once (``optimizer_224(SGD)(learning_rate=0.1, decay=1e-6)``).
#: It reproduces 2.2.4's updates exactly (checked against real Keras 2.2.4 by the tests):
#: the time-based ``decay`` of the rate, which tf.keras dropped, with the rate still settable
#: by callbacks; Adam's and Adamax's bias correction one step ahead (2.2.4 read its iteration
#: count after increasing it); RMSprop's and Adagrad's epsilon added after the square root.
#: A saved model records the tf.keras class, so that any program can load it.
OPTIMIZER_NAME = "optimizer_224"
OPTIMIZER_TARGETS = EVERY
#: Classes whose tf.keras updates differ from 2.2.4's even without a decay.
UPDATES_DIFFER = ("Adam", "Adamax", "RMSprop", "Adagrad", "Nadam")


def wrapped_optimizers(target: Target) -> tuple[str, ...]:
    """The classes ``optimizer_224`` wraps wherever they are made: on keras3 those whose updates
    differ; on keras2 all seven, so that one instance can serve several models (the legacy
    optimizers can), and ``lr``, ``decay`` and ``K.set_value`` work as in 2.2.4."""
    return UPDATES_DIFFER if target == Target.KERAS3 else tuple(SIGNATURES)


def optimizer_code(target: Target) -> str:
    """The ``optimizer_224`` function written into a module fixed for ``target``."""
    return OPTIMIZER_CODE if target == Target.KERAS3 else OPTIMIZER_CODE_KERAS2
OPTIMIZER_CODE = f'''\
def optimizer_224(cls):
    """Keras 2.2.4's `cls` optimizer: the rate decays as lr / (1 + decay * iterations); Adam's
    and Adamax's bias correction is one step ahead (2.2.4 read its iteration count after
    increasing it), as is Nadam's, whose momentum schedule is 0.96 ** (t * schedule_decay);
    RMSprop and Adagrad add epsilon after the square root. Saved models record the tf.keras
    class."""
    import tensorflow as tf

    adam, adamax = issubclass(cls, tf.keras.optimizers.Adam), issubclass(cls, tf.keras.optimizers.Adamax)
    rmsprop, adagrad = issubclass(cls, tf.keras.optimizers.RMSprop), issubclass(cls, tf.keras.optimizers.Adagrad)
    nadam = issubclass(cls, tf.keras.optimizers.Nadam)

    class Optimizer(cls):
        def __init__(self, *args, decay=0.0, **kwargs):
            schedule_decay = kwargs.pop("schedule_decay", {NADAM_DEFAULT_SCHEDULE_DECAY!r}) if nadam else None
            super().__init__(*args, **kwargs)
            self.decay = decay
            if nadam:
                self.schedule_decay = schedule_decay

        def _momentum_224(self, t):
            return self.beta_1 * (1.0 - 0.5 * tf.pow(0.96, t * self.schedule_decay))

        def _backend_update_step(self, grads, trainable_variables, learning_rate):
            if not nadam:
                return super()._backend_update_step(grads, trainable_variables, learning_rate)
            t = tf.cast(self.iterations + 2, self._u_product.dtype)  # 2.2.4 read it after its increment
            self._u_product.assign(self._u_product * self._momentum_224(t))
            return super(cls, self)._backend_update_step(grads, trainable_variables, learning_rate)

        def update_step(self, gradient, variable, learning_rate):
            t = tf.cast(self.iterations + 1, variable.dtype)
            rate = tf.cast(learning_rate, variable.dtype) / (1.0 + self.decay * t)
            if nadam:  # 2.2.4 read the step count after its increment, as for Adam
                return self._nadam_step(tf.cast(gradient, variable.dtype), variable, rate, t + 1.0)
            if adam or adamax:
                b1 = tf.cast(self.beta_1, variable.dtype)
                rate *= (1.0 - b1 ** t) / (1.0 - b1 ** (t + 1.0))
                if adam:
                    b2 = tf.cast(self.beta_2, variable.dtype)
                    rate *= tf.sqrt((1.0 - b2 ** (t + 1.0)) / (1.0 - b2 ** t))
            slots = getattr(self, "_velocities" if rmsprop else "_accumulators", None)
            plain = (rmsprop and not self.centered and not self.momentum) or adagrad
            if slots is None or not plain:
                return super().update_step(gradient, variable, rate)
            gradient = tf.cast(gradient, variable.dtype)
            accumulator = slots[self._get_variable_index(variable)]
            if rmsprop:
                self.assign(accumulator, self.rho * accumulator + (1.0 - self.rho) * tf.square(gradient))
            else:
                self.assign_add(accumulator, tf.square(gradient))
            self.assign_sub(variable, rate * gradient / (tf.sqrt(accumulator) + self.epsilon))

        def _nadam_step(self, gradient, variable, rate, t):
            index = self._get_variable_index(variable)
            m, v = self._momentums[index], self._velocities[index]
            u_t, u_next = self._momentum_224(t), self._momentum_224(t + 1.0)
            schedule = tf.cast(self._u_product, variable.dtype)  # includes u_t: updated first
            self.assign(m, self.beta_1 * m + (1.0 - self.beta_1) * gradient)
            self.assign(v, self.beta_2 * v + (1.0 - self.beta_2) * tf.square(gradient))
            m_bar = (1.0 - u_t) * gradient / (1.0 - schedule) + u_next * m / (1.0 - schedule * u_next)
            v_hat = v / (1.0 - tf.pow(tf.cast(self.beta_2, variable.dtype), t))
            self.assign_sub(variable, rate * m_bar / (tf.sqrt(v_hat) + self.epsilon))

        def get_config(self):
            extra = {{"schedule_decay": self.schedule_decay}} if nadam else {{}}
            return {{**super().get_config(), "decay": self.decay, **extra}}

    Optimizer.__name__ = Optimizer.__qualname__ = cls.__name__
    Optimizer.__module__ = cls.__module__
    return Optimizer
'''

#: ``optimizer_224`` for TF <= 2.15 and tf-keras: the legacy optimizer (TF 2.11-2.15's
#: ``tf.keras.optimizers.legacy``, the plain classes before 2.11), which keeps ``lr``,
#: ``decay`` and per-variable state that lets one instance serve several models, with 2.2.4's
#: updates written into ``_resource_apply_dense`` (checked against real Keras 2.2.4 by
#: tests/test_optimizer_224.py). The new optimizers of TF 2.11-2.15 would need all three
#: rebuilt on private API.
OPTIMIZER_CODE_KERAS2 = '''\
def optimizer_224(cls):
    """Keras 2.2.4's `cls` optimizer on TensorFlow <= 2.15: tf.keras's legacy optimizer of that
    name (it keeps `lr`, `decay`, and serves several models) with 2.2.4's updates: the step
    count read after its increment, epsilon after the square root, and Nadam's schedule_decay.
    Saved models record the legacy class."""
    import tensorflow as tf

    name = cls.__name__
    base = getattr(getattr(tf.keras.optimizers, "legacy", tf.keras.optimizers), name)  # TF < 2.11: no legacy

    class Optimizer(base):
        def _decayed_rate(self, dtype, t):
            rate = self._get_hyper("learning_rate", dtype)
            if name == "Nadam":  # its `decay` is the schedule_decay
                return rate
            return rate / (1.0 + self._get_hyper("decay", dtype) * t)

        def _prepare_local(self, var_device, var_dtype, apply_state):
            super()._prepare_local(var_device, var_dtype, apply_state)
            if name != "Nadam":
                return
            coefficients = apply_state[(var_device, var_dtype)]
            b1, b2 = coefficients["beta_1_t"], coefficients["beta_2_t"]
            t = tf.cast(self.iterations + 2, var_dtype)  # 2.2.4 read the count after its increment
            decay = tf.cast(self._initial_decay, var_dtype)
            momentum = b1 * (1.0 - 0.5 * tf.pow(tf.cast(0.96, var_dtype), decay * t))
            following = b1 * (1.0 - 0.5 * tf.pow(tf.cast(0.96, var_dtype), decay * (t + 1.0)))
            schedule = tf.cast(self._m_cache_read, var_dtype) * momentum
            if var_dtype is self._m_cache.dtype:
                schedule = tf.identity(self._m_cache.assign(schedule))
            coefficients.update(
                m_t=momentum, m_t_1=following, one_minus_m_t=1.0 - momentum,
                one_minus_m_schedule_new=1.0 - schedule, one_minus_m_schedule_next=1.0 - schedule * following,
                v_t_prime_denominator=1.0 - tf.pow(b2, t))

        def _resource_apply_dense(self, grad, var, apply_state=None):
            if name == "Nadam":
                return super()._resource_apply_dense(grad, var, apply_state)
            dtype = var.dtype.base_dtype
            t = tf.cast(self.iterations + 1, dtype)
            rate = self._decayed_rate(dtype, t)
            hyper = lambda key: self._get_hyper(key, dtype)  # noqa: E731
            epsilon = tf.cast(getattr(self, "epsilon", 1e-7) or 1e-7, dtype)
            if name == "SGD":
                if not self._momentum:
                    return var.assign_sub(rate * grad)
                moment = self.get_slot(var, "momentum")
                velocity = moment.assign(hyper("momentum") * moment - rate * grad)
                step = hyper("momentum") * velocity - rate * grad if self.nesterov else velocity
                return var.assign_add(step)
            if name in ("RMSprop", "Adagrad"):
                a = self.get_slot(var, "rms" if name == "RMSprop" else "accumulator")
                a = a.assign(hyper("rho") * a + (1.0 - hyper("rho")) * tf.square(grad)) if name == "RMSprop" \\
                    else a.assign_add(tf.square(grad))
                return var.assign_sub(rate * grad / (tf.sqrt(a) + epsilon))
            if name == "Adadelta":
                a, d = self.get_slot(var, "accum_grad"), self.get_slot(var, "accum_var")
                rho = hyper("rho")
                a = a.assign(rho * a + (1.0 - rho) * tf.square(grad))
                update = grad * tf.sqrt(d + epsilon) / tf.sqrt(a + epsilon)
                d.assign(rho * d + (1.0 - rho) * tf.square(update))
                return var.assign_sub(rate * update)
            b1, b2 = hyper("beta_1"), hyper("beta_2")
            step = t + 1.0  # Adam's and Adamax's bias correction: the count after its increment
            m = self.get_slot(var, "m").assign(b1 * self.get_slot(var, "m") + (1.0 - b1) * grad)
            if name == "Adamax":
                u = self.get_slot(var, "v")
                u = u.assign(tf.maximum(b2 * u, tf.abs(grad)))
                return var.assign_sub(rate / (1.0 - tf.pow(b1, step)) * m / (u + epsilon))
            v = self.get_slot(var, "v")
            v = v.assign(b2 * v + (1.0 - b2) * tf.square(grad))
            if self.amsgrad:
                v = self.get_slot(var, "vhat").assign(tf.maximum(self.get_slot(var, "vhat"), v))
            rate = rate * tf.sqrt(1.0 - tf.pow(b2, step)) / (1.0 - tf.pow(b1, step))
            return var.assign_sub(rate * m / (tf.sqrt(v) + epsilon))

        def _resource_apply_sparse_duplicate_indices(self, grad, var, indices, **kwargs):
            dense = tf.math.unsorted_segment_sum(grad, indices, tf.shape(var, out_type=indices.dtype)[0])
            return self._resource_apply_dense(dense, var, kwargs.get("apply_state"))

    Optimizer.__name__ = Optimizer.__qualname__ = name
    Optimizer.__module__ = base.__module__
    return Optimizer
'''

#: ``optimizer.get_config()`` as 2.2.4 wrote it: its keys (the class's 2.2.4 parameters, and
#: ``clipnorm``/``clipvalue`` when set), read from the tf.keras optimizer.
CONFIG_METHOD = "get_config"
#: Keys of 2.2.4's optimizer configs that no tf.keras config has: ``x.get_config()['lr']``
#: reads an optimizer's config, whatever ``x`` is.
CONFIG_KEYS_GONE = ("lr", "decay", "schedule_decay")
CONFIG_NAME = "optimizer_config_224"
_CONFIG_KEYS = {name: tuple(p for p, _ in parameters) for name, parameters in SIGNATURES.items()}
CONFIG_CODE = f'''\
def {CONFIG_NAME}(optimizer):
    """Keras 2.2.4's optimizer.get_config(): 2.2.4's keys, read from the tf.keras optimizer."""
    config = getattr(optimizer, "get_config")()  # not rewritten again
    names = [klass.__name__ for klass in type(optimizer).__mro__]
    keys = next(({_CONFIG_KEYS!r}[name] for name in names if name in {_CONFIG_KEYS!r}), None)
    if keys is None:  # not a Keras 2.2.4 optimizer class
        return config
    # Nadam: tf.keras's 0.96 ** t is 2.2.4's schedule with schedule_decay=1; a legacy Nadam
    # keeps schedule_decay as its `decay`, and keraslint's optimizer_224(Nadam) as an attribute
    schedule_decay = getattr(optimizer, "schedule_decay", None)
    values = dict(config, lr=float(config["learning_rate"]), decay=float(config.get("decay", 0.0)),
                  schedule_decay=float(config.get("decay", 1.0) if schedule_decay is None else schedule_decay))
    found = {{key: values[key] for key in keys if key in values}}
    for old, new in (("clipnorm", "global_clipnorm"), ("clipvalue", "clipvalue")):
        if config.get(new) is not None:
            found[old] = config[new]
    return found
'''

#: ``Optimizer.from_config(config)`` of a config 2.2.4 wrote (or optimizer_config_224 read):
#: its arguments as tf.keras takes them, as KL301-KL305 write them in code.
FROM_CONFIG_METHOD = "from_config"
FROM_CONFIG_NAME = "optimizer_from_config_224"
FROM_CONFIG_CODE = f'''\
def {FROM_CONFIG_NAME}(cls, config):
    """Keras 2.2.4's Optimizer.from_config: a 2.2.4 config (lr, decay, epsilon=None, a global
    clipnorm) read as tf.keras arguments of 2.2.4's optimizer; a tf.keras config as it is."""
    config = dict(config)
    if "lr" in config:
        config["learning_rate"] = config.pop("lr")
    if "epsilon" in config and config["epsilon"] is None:
        config["epsilon"] = {EPSILON!r}
    if "clipnorm" in config:
        config["global_clipnorm"] = config.pop("clipnorm")
    return getattr({OPTIMIZER_NAME}(cls), "from_config")(config)  # not rewritten again
'''

#: 2.2.4 optimizer attributes tf.keras optimizers lack, read with a default where absent.
READ_WITH_DEFAULT: MappingProxyType[str, float] = MappingProxyType({"decay": 0.0, "initial_decay": 0.0})

#: ``K.set_value(optimizer.learning_rate, v)``: raises on these targets (Keras 3's variables
#: are not the backend's), where ``optimizer.learning_rate = v`` sets the same variable.
SET_VALUE = "keras.backend.set_value"
#: Backend calls that read or set a variable: ``K.get_value(opt.lr)`` means ``opt`` is an optimizer.
BACKEND_VALUE_CALLS = ("keras.backend.get_value", "keras.backend.set_value", "keras.backend.eval")
SET_VALUE_FAILS_ON = KERAS3_ONLY


#: One optimizer instance compiled into several models (the GAN pattern): 2.2.4 made slots for
#: each model's weights and shared the rate and the iteration count. tf.keras builds an
#: optimizer for one set of variables ("Unknown variable ... can only be called for the
#: variables it was originally built with"), so each further model gets a copy that shares the
#: first one's rate and iteration count (Keras 3 and TF 2.15 keep both in the same attributes).
SHARED_OPTIMIZER_NAME = "shared_optimizer_224"
SHARED_OPTIMIZER_CODE = f'''\
def {SHARED_OPTIMIZER_NAME}(optimizer):
    """A Keras 2.2.4 optimizer compiled into one more model: tf.keras optimizers serve one set
    of weights, so a copy, sharing the rate and the iteration count as 2.2.4's did."""
    copy = type(optimizer).from_config(getattr(optimizer, "get_config")())
    copy._learning_rate = optimizer._learning_rate
    copy._iterations = optimizer.iterations
    return copy
'''
