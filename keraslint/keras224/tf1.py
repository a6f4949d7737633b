"""TensorFlow 1 functions that Keras 2.2.4-era code called on ``tf`` (``tf.random_normal``,
``tf.div``, ``tf.to_float``) and that TensorFlow 2 keeps only in ``tf.compat.v1``, with the
same behaviour: keraslint writes ``tf.compat.v1.NAME`` for them.

The list: the public functions of TensorFlow 1.13's ``tf`` that TensorFlow 2's ``tf`` lacks and
``tf.compat.v1`` has, without those that only make sense in a TF1 graph (placeholders,
sessions, collections, variable scopes, initializers): those need a rewrite by hand.
tests/test_tf1_functions.py checks it against installed TensorFlow and TensorFlow 1.13.
"""

#: Functions of TF 1.13's ``tf`` that TF 2 has only under ``tf.compat.v1``.
TF1_FUNCTIONS = frozenset((
    "NoGradient NotDifferentiable Print accumulate_n angle arg_max arg_min "
    " assert_greater_equal assert_integer assert_less_equal assert_near assert_negative "
    " assert_non_negative assert_non_positive assert_none_equal assert_positive "
    " assert_proper_iterable assert_rank_at_least assert_rank_in assert_same_float_dtype "
    " assert_scalar assert_type assign assign_add assign_sub batch_gather "
    " batch_scatter_update batch_to_space_nd betainc bincount ceil check_numerics cholesky "
    " cholesky_solve clip_by_average_norm confusion_matrix conj "
    " convert_to_tensor_or_indexed_slices convert_to_tensor_or_sparse_tensor count_nonzero "
    " cross cumprod decode_base64 decode_compressed decode_csv decode_json_example "
    " decode_raw depth_to_space dequantize deserialize_many_sparse diag diag_part digamma "
    " dimension_at_index dimension_value div div_no_nan encode_base64 erf erfc expm1 "
    " extract_image_patches fake_quant_with_min_max_args "
    " fake_quant_with_min_max_args_gradient fake_quant_with_min_max_vars "
    " fake_quant_with_min_max_vars_gradient fake_quant_with_min_max_vars_per_channel "
    " fake_quant_with_min_max_vars_per_channel_gradient fft fft2d fft3d floor_div floordiv "
    " floormod global_norm ifft ifft2d ifft3d igamma igammac imag invert_permutation "
    " is_finite is_inf is_nan is_non_decreasing is_numeric_tensor is_strictly_increasing "
    " lbeta lgamma lin_space log log1p log_sigmoid logical_xor matching_files "
    " matrix_band_part matrix_determinant matrix_diag matrix_diag_part matrix_inverse "
    " matrix_set_diag matrix_solve matrix_solve_ls matrix_transpose matrix_triangular_solve "
    " mod multinomial parse_example parse_single_example parse_single_sequence_example "
    " parse_tensor polygamma py_func qr quantize quantize_v2 quantized_concat random_crop "
    " random_gamma random_normal random_poisson random_shuffle random_uniform read_file real "
    " reciprocal reduce_join regex_replace reverse_v2 rint rsqrt scatter_add scatter_div "
    " scatter_max scatter_min scatter_mul scatter_nd_add scatter_nd_sub scatter_nd_update "
    " scatter_sub scatter_update segment_max segment_mean segment_min segment_prod "
    " segment_sum self_adjoint_eig self_adjoint_eigvals serialize_many_sparse "
    " serialize_sparse serialize_tensor set_random_seed setdiff1d space_to_depth sparse_add "
    " sparse_concat sparse_fill_empty_rows sparse_mask sparse_matmul sparse_maximum "
    " sparse_merge sparse_minimum sparse_reduce_max sparse_reduce_max_sparse "
    " sparse_reduce_sum sparse_reduce_sum_sparse sparse_reorder sparse_reset_shape "
    " sparse_reshape sparse_retain sparse_segment_mean sparse_segment_sqrt_n "
    " sparse_segment_sum sparse_slice sparse_softmax sparse_split sparse_tensor_dense_matmul "
    " sparse_tensor_to_dense sparse_to_dense sparse_to_indicator sparse_transpose "
    " squared_difference string_join string_split string_strip string_to_hash_bucket "
    " string_to_hash_bucket_fast string_to_hash_bucket_strong string_to_number substr svd "
    " tensor_scatter_add tensor_scatter_sub tensor_scatter_update to_bfloat16 to_complex128 "
    " to_complex64 to_double to_float to_int32 to_int64 trace truncated_normal "
    " unsorted_segment_max unsorted_segment_mean unsorted_segment_min unsorted_segment_prod "
    " unsorted_segment_sqrt_n unsorted_segment_sum verify_tensor_all_finite write_file zeta"
).split())

#: TF1 graph functions left out of TF1_FUNCTIONS on purpose (they have no eager meaning).
TF1_GRAPH_ONLY = frozenset(
    "add_check_numerics_ops add_to_collection add_to_collections all_variables assert_variables_initialized colocate_with container count_up_to create_partitioned_variables delete_session_tensor disable_eager_execution disable_resource_variables disable_v2_behavior disable_v2_tensorshape enable_eager_execution enable_resource_variables enable_v2_behavior enable_v2_tensorshape fixed_size_partitioner get_collection get_collection_ref get_default_graph get_default_session get_local_variable get_seed get_session_handle get_session_tensor get_variable get_variable_scope global_variables global_variables_initializer initialize_all_tables initialize_all_variables initialize_local_variables initialize_variables is_variable_initialized load_file_system_library local_variables local_variables_initializer make_template min_max_variable_partitioner model_variables moving_average_variables no_regularizer op_scope placeholder placeholder_with_default report_uninitialized_variables reset_default_graph sparse_placeholder tables_initializer trainable_variables variable_axis_size_partitioner variable_op_scope variables_initializer wrap_function".split())

#: Where the TF1 functions live in TensorFlow 2.
COMPAT_V1 = "compat.v1"
