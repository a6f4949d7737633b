"""KL103: an Embedding call that relies on the `embeddings_initializer` default."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.initializers._initializer_docs import initializer_docs


class ImplicitEmbeddingsInitializer(PinnedDefaultRule):
    __doc__ = initializer_docs(
        "embeddings_initializer", "Embedding", "uniform",
        "Embedding(20000, 128)", "Embedding(20000, 128, embeddings_initializer='uniform')",
    )
    code = "KL103"
    name = "implicit-embeddings-initializer"
    summary = "Embedding call relies on the implicit `embeddings_initializer` default"
    fix_title = "Pin `embeddings_initializer`"
    argument = "embeddings_initializer"
    cases = (
        Valid("""
            from keras.layers import Embedding
            Embedding(10, 4, 'normal')
            """),
        Invalid(
            """
            from keras.layers.embeddings import Embedding
            Embedding(10, 4)
            """,
            fixed="""
            from keras.layers.embeddings import Embedding
            Embedding(10, 4, embeddings_initializer='uniform')
            """,
            message="`Embedding` relies on the implicit `embeddings_initializer` default",
        ),
    )
