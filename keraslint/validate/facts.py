"""What a build-only module leaves out: call names by what they do, matched on the last name.

``mnist.load_data()``, ``data_utils.get_file(...)`` and ``model.fit(...)`` are recognised by
their final attribute; the receiver is not resolved (any ``.fit(...)`` trains something).
"""

from __future__ import annotations

#: Calls whose result comes from outside the program: data sets, files, the network, argv.
#: Whatever they assign is unknown to validation ("dropped data").
DATA_CALLS = frozenset({
    "load_data", "get_file", "open", "load", "loads", "loadtxt", "genfromtxt", "fromfile",
    "read_csv", "read_table", "imread", "load_img", "load_model", "flow", "flow_from_directory",
    "flow_from_dataframe", "urlopen", "urlretrieve", "glob", "listdir", "walk", "scandir",
    "parse_args", "parse_known_args", "input", "TFRecordDataset", "read_data_sets",
    "fit_on_texts", "texts_to_sequences", "from_tensor_slices",
})

#: Training, evaluation and prediction: the part of the user's program validation never runs.
TRAIN_CALLS = frozenset({
    "fit", "fit_generator", "evaluate", "evaluate_generator", "predict", "predict_generator",
    "predict_on_batch", "predict_classes", "predict_proba", "train_on_batch", "test_on_batch",
    "load_weights", "set_weights",
})

#: Calls that write files (beside the user's code, if they ran): never run.
SAVE_CALLS = frozenset({
    "save", "save_weights", "savefig", "plot_model", "imsave", "save_img", "dump", "write",
    "mkdir", "makedirs", "to_file", "to_csv", "remove", "rmtree",
})

#: Calls that only show something; dropped as statements of their own.
SHOW_CALLS = frozenset({
    "print", "summary", "show", "plot", "imshow", "figure", "subplot", "title", "xlabel",
    "ylabel", "legend", "axis", "exit", "pprint",
})

#: Modules only used for plotting or images; their imports are dropped (and their names with them).
DISPLAY_MODULES = frozenset({"matplotlib", "pylab", "PIL", "cv2", "imageio", "seaborn", "pydot"})

#: Dotted prefixes of keras calls that handle data or settings, not models
#: (``keras.utils.to_categorical``, ``K.image_data_format()``).
NON_MODEL_MODULES = ("keras.datasets", "keras.preprocessing", "keras.utils", "keras.callbacks",
                     "keras.backend")

#: Arguments that make a model download pretrained weights, and what validation passes instead.
DOWNLOAD_ARGUMENTS = {"weights": "None"}

#: Zero-argument functions whose names say they build a model.
BUILDER_NAME_WORDS = ("model", "build", "network", "net")

#: Modules validation builds with: never replaced by a stub when missing (that is a real failure).
NEVER_STUBBED = frozenset({"keras", "tensorflow", "tf_keras", "numpy", "__future__"})

#: Exceptions whose handler makes an import optional: such imports are never stubbed.
IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})

#: keraslint writes 2.2.4's removed API into fixed code as functions and classes named after
#: what they stand in for (``save_weights_224(model, path)``, ``BatchNormalization_224(...)``):
#: validation reads them as the original call, and never as the user's model builders.
STAND_IN_SUFFIX = "_224"

#: Parameters of a model factory that load pretrained weights (``weights='imagenet'``,
#: ``pretrained_weights=None``, ``weights_path``): validation calls factories with ``None`` there,
#: and a branch testing one is not what the factory always does.
WEIGHTS_PARAMETER_WORDS = ("weights", "pretrained", "checkpoint")

#: Reference mode compares numbers: a port's outputs on Keras 2.2.4's weights match when
#: max |port - reference| <= absolute + relative * max |reference| (float32 kernels differ
#: between TF 1.13 and current TF in the last bits, and sums of many terms carry that along).
OUTPUT_TOLERANCE = (1e-4, 1e-3)
#: Losses per training step match when each is within this fraction of Keras 2.2.4's.
LOSS_TOLERANCE = 1e-3
#: Layers that draw random numbers while training: losses then differ by design, and are shown, not judged.
RANDOM_LAYERS = frozenset({"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
                           "GaussianNoise", "GaussianDropout", "AlphaDropout"})
#: Findings that say a difference from 2.2.4's numbers remains and cannot be removed by a fix:
#: a numeric difference in a file with one is shown as documented, not as a failure.
DOCUMENTED_DIFFERENCES = ("KL309",)

#: What Keras says when a build tries to download (pretrained weights, data) with the network
#: off, as validation runs it: such a model is skipped, not failed.
DOWNLOAD_MESSAGES = ("URL fetch failure",)
DOWNLOAD_SKIP = "downloads while building (validation never downloads): call it with weights=None, or configure a builder"
