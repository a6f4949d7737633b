"""Programs of the corpus whose fixed port does not print Keras 2.2.4's trace, and why: each
reason was checked by hand (docs/differential.md has the table, docs/facts.md the facts).
program -> {column: reason}. The harness prints the reason beside the verdict, and
tests/programs/test_differential.py keeps the list from naming programs that do not exist.
"""

from __future__ import annotations

KNOWN: dict[str, dict[str, str]] = {
    "callbacks_lambda_callback": {
        "keras3": "Keras 3 passes on_batch_end no `batch`/`size` in its logs (2.2.4 did); no rewrite can give them back",
        "keras2": "TF 2.15's on_batch_end logs have no `batch`/`size` either",
    },
    "callbacks_reduce_lr_plateau_epsilon": {
        "keras3": "the program reads `ReduceLROnPlateau.min_delta`, which Keras 3 stores negated for mode='min'; the callback acts the same",
    },
    "callbacks_warmup_on_batch": {
        "keras3": "reads `self.params['samples']`, which Keras 3 does not fill: KL622 reports it, no fix",
        "keras2": "reads `self.params['samples']`, which TF 2.15 does not fill either: KL622 reports it, no fix",
    },
    "chfirst_set_data_format_cnn": {
        "keras3": "a drift whose cause is not pinned down: the first training step agrees to 1e-6, after 8 SGD steps the loss differs by 5e-4 and the predictions by 4e-3 (TF 2.15 prints the same numbers as TF 2.21); 2.2.4 ran channels_first convolutions transposed to NHWC on a CPU, TF 2 runs them in NCHW through oneDNN",
        "keras2": "the same drift as on keras3: TF 2.15 and TF 2.21 print the same predictions, 2.2.4 others",
    },
    "compile_loss_weights_list": {
        "keras3": "Keras 3's evaluate averages each output's loss over batches without weighting by batch size (the total is right)",
    },
    "compile_metrics_binary_strings": {
        "keras3": "metrics=['binary_crossentropy'] with 1-D targets: Keras 3's metric (unlike its loss) does not reshape them and raises on the rank",
    },
    "gan_dcgan_shared_adam": {
        "keras3": "2.2.4 ran no BatchNormalization updates in a model whose train function was made while it was frozen; Keras 3 updates the moving statistics (weights train alike)",
        "keras2": "as on keras3: TF 2.15's BatchNormalization updates its moving statistics in a model frozen before its first train function",
    },
    "gan_wgan_clip": {
        "keras3": "2.2.4 drew a seed from numpy's global random stream for every random initializer it built, so the program's later np.random draws (its batches) differ",
        "keras2": "as on keras3: 2.2.4 drew seeds from numpy's global stream while building, so later np.random draws differ",
    },
    "layers_custom_dense": {
        "keras3": "a custom layer's get_config() gains Keras 3's base keys (`dtype` and others)",
        "keras2": "a custom layer's get_config() gains TF 2.15's `dtype` key",
    },
    "layers_masking_pooling": {
        "keras2": "TF 2.15's K.function builds a Model, whose outputs must be layer outputs, not a layer's output_mask",
    },
    "optim_sgd_nesterov_decay": {
        "keras2": "`isinstance(model.optimizer, SGD)`: on keras2 keraslint's optimizer_224 is the legacy SGD, not tf.keras.optimizers.SGD",
    },
    "private_conv_subclass": {
        "keras3": "subclasses 2.2.4's private `_Conv`, which has no tf.keras home: KL002 reports it",
        "keras2": "subclasses 2.2.4's private `_Conv`, which has no tf.keras home: KL002 reports it",
    },
    "private_custom_activation": {
        "keras3": "Keras 3 serialises a custom activation function in get_config() as a dict, not its name",
        "keras2": "TF 2.15 saves an activation registered by name as a function record that its own load_model cannot read back",
    },
    "private_pooling_epsilon": {
        "keras3": "subclasses 2.2.4's private `_Pooling2D`, which has no tf.keras home: KL002 reports it",
        "keras2": "subclasses 2.2.4's private `_Pooling2D`, which has no tf.keras home: KL002 reports it",
    },
    "rnn_lstm_gru_defaults": {
        "keras3": "builds LSTM and GRU through a loop variable (`for cls in (LSTM, GRU)`), which keraslint cannot resolve to a layer class, so the defaults stay unpinned",
        "keras2": "builds LSTM and GRU through a loop variable, which keraslint cannot resolve to a layer class",
    },
    "save_json_model_from_json": {
        "keras3": "Keras 3's to_json() lists an InputLayer and a model from model_from_json() is not compiled",
        "keras2": "TF 2.15's to_json() lists an InputLayer first",
    },
    "save_lambda_model_hdf5": {
        "keras3": "Keras 3 cannot infer a reloaded Lambda's output shape (it calls the function with mask='None'); the model does not load",
    },
}
