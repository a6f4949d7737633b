"""Programs of the corpus whose fixed port does not print Keras 2.2.4's trace, and why: each
reason was checked by hand (docs/differential.md has the table, docs/facts.md the facts).
program -> {column: reason}. The harness prints the reason beside the verdict, and
tests/programs/test_differential.py keeps the list from naming programs that do not exist.
"""

from __future__ import annotations

_CSV = ("tf.keras's CSVLogger (Keras 3 and TF 2.15) adds val_ columns, filled with NA, to the log "
        "of a fit without validation data")

KNOWN: dict[str, dict[str, str]] = {
    "callbacks_csvlogger_header": {"keras3": _CSV, "keras2": _CSV},
    "callbacks_lambda_callback": {
        "keras3": "Keras 3 passes on_batch_end no `batch`/`size` in its logs (2.2.4 did); no rewrite can "
                  "give them back"},
    "callbacks_reduce_lr_plateau_epsilon": {
        "keras3": "the program reads `ReduceLROnPlateau.min_delta`, which Keras 3 stores negated for "
                  "mode='min'; the callback acts the same"},
    "callbacks_warmup_on_batch": {
        "keras3": "reads `self.params['samples']`, which Keras 3 does not fill: KL622 reports it, no fix"},
    "chfirst_set_data_format_cnn": {
        "keras3": "float drift: on a CPU 2.2.4 ran channels_first convolutions transposed to NHWC, TF 2.21 "
                  "runs them in NCHW through oneDNN (without oneDNN it cannot train NCHW at all); the first "
                  "step agrees, after 8 the loss differs by 5e-4 and the predictions by 4e-3"},
    "compile_loss_weights_list": {
        "keras3": "Keras 3's evaluate averages each output's loss over batches without weighting by "
                  "batch size (the total is right)"},
    "compile_metrics_binary_strings": {
        "keras3": "metrics=['binary_crossentropy'] with 1-D targets: Keras 3's metric (unlike its loss) "
                  "does not reshape them and raises on the rank"},
    "gan_dcgan_shared_adam": {
        "keras3": "2.2.4 ran no BatchNormalization updates in a model whose train function was made while "
                  "it was frozen; Keras 3 updates the moving statistics (weights train alike)"},
    "gan_wgan_clip": {
        "keras3": "2.2.4 drew a seed from numpy's global random stream for every random initializer it "
                  "built, so the program's later np.random draws (its batches) differ"},
    "layers_custom_dense": {
        "keras3": "a custom layer's get_config() gains Keras 3's base keys (`dtype` and others)"},
    "private_conv_subclass": {
        "keras3": "subclasses 2.2.4's private `_Conv`, which has no tf.keras home: KL002 reports it"},
    "private_custom_activation": {
        "keras3": "Keras 3 serialises a custom activation function in get_config() as a dict, not its name"},
    "private_pooling_epsilon": {
        "keras3": "subclasses 2.2.4's private `_Pooling2D`, which has no tf.keras home: KL002 reports it"},
    "rnn_lstm_gru_defaults": {
        "keras3": "builds LSTM and GRU through a loop variable (`for cls in (LSTM, GRU)`), which "
                  "keraslint cannot resolve to a layer class, so the defaults stay unpinned"},
    "save_json_model_from_json": {
        "keras3": "Keras 3's to_json() lists an InputLayer and a model from model_from_json() is not compiled"},
    "save_lambda_model_hdf5": {
        "keras3": "Keras 3 cannot infer a reloaded Lambda's output shape (it calls the function with "
                  "mask='None'); the model does not load"},
}
