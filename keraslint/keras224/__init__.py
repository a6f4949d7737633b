"""Facts about Keras 2.2.4 and where its names live in tf.keras: data only, no logic.

Every value here is cross-checked against the Keras 2.2.4 sdist by
``tests/test_keras224_facts.py`` (and the tf.keras side against installed TensorFlow).
"""
