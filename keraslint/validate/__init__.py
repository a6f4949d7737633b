"""``keraslint validate``: build each model under TensorFlow, naive port vs fixed port.

The parent (this package, except ``_child``) never imports TensorFlow: ``slicer`` derives a
build-only module from a script, ``ports`` makes the naive and fixed ports, ``process`` runs
them in one child (``_child``), ``compare`` and ``run`` turn the child's JSON into reports.
"""
