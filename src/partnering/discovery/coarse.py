"""A coarse first pass over the vector file, for registries past COARSE_MIN organisations.

An exact scan reads every int16 row: 768 MB at a million organisations, 60-70 ms on a
quiet core and several times that on a busy one. So the job worker also writes each row's
signs (vectorfile.py): one bit per dimension of the row minus the mean of all rows, 48
bytes a row (48 MB at a million). A query is compared with every row's signs by Hamming
distance (XOR and a population count, in numpy, word by word over blocks that stay in the
processor's cache); the SHORTLIST nearest rows, and the rows the caller asks for (BM25's
best), are then scored exactly from the int16 file. Sign bits of centred vectors
approximate their angle (Charikar, 2002): bench/discovery_scale.py measures how many of the
exact scan's best the shortlist keeps. Below COARSE_MIN rows every row is scored exactly,
as before.

The signs are stored word-major, (WORDS, rows) of uint64, so that one word of every row is
one contiguous array.
"""

import numpy as np

# Below this many rows the exact scan is cheap enough (~7 ms at 100,000 on a quiet core) and
# results stay exactly as they were.
COARSE_MIN = 200_000
# Rows kept by the coarse pass and scored exactly: enough for the DEPTH (1,000) best the
# ranking fuses by rank to be found (bench/discovery_scale.py measures it at a million).
SHORTLIST = 4096
BLOCK = 32_768  # rows per step of the Hamming pass: its buffers stay in the L2 cache


def words(dimensions: int) -> int:
    return dimensions // 64


def centre(matrix: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """The mean of the rows divided by `scale` (float32), read a block at a time."""
    total = np.zeros(matrix.shape[1], dtype=np.float64)
    for start in range(0, len(matrix), BLOCK):
        total += matrix[start:start + BLOCK].astype(np.float64).sum(axis=0)
    return (total / max(1, len(matrix)) / scale).astype(np.float32)


def unit(rows: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Rows as float32 divided by `scale` (a vector file's int16 rows: embeddings.SCALE)."""
    return np.asarray(rows, dtype=np.float32) / np.float32(scale)


def signs_of(rows: np.ndarray, middle: np.ndarray) -> np.ndarray:
    """(rows, WORDS) of uint64: bit d of a row is set where its dimension d is above the
    centre's."""
    above = np.asarray(rows, dtype=np.float32) > middle
    return np.packbits(above, axis=1, bitorder="little").view("<u8")


def write_signs(matrix: np.ndarray, path, scale: float = 1.0) -> np.ndarray:
    """Write the signs of every row of `matrix` (divided by `scale`) to `path` (.npy,
    word-major); returns the centre they are taken against."""
    middle = centre(matrix, scale)
    signs = np.lib.format.open_memmap(path, mode="w+", dtype="<u8",
                                      shape=(words(matrix.shape[1]), len(matrix)))
    for start in range(0, len(matrix), BLOCK):
        signs[:, start:start + BLOCK] = signs_of(unit(matrix[start:start + BLOCK], scale),
                                                 middle).T
    signs.flush()
    del signs
    return middle


def distances(signs: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Hamming distance (uint16) of the query's signs to every row's."""
    count = signs.shape[1]
    result = np.empty(count, dtype=np.uint16)
    xor = np.empty(min(BLOCK, count), dtype="<u8")
    bits = np.empty(min(BLOCK, count), dtype=np.uint8)
    for start in range(0, count, BLOCK):
        size = min(BLOCK, count - start)
        block = result[start:start + size]
        block[:] = 0
        for word in range(signs.shape[0]):
            np.bitwise_xor(signs[word, start:start + size], query[word], out=xor[:size])
            np.bitwise_count(xor[:size], out=bits[:size])
            block += bits[:size]
    return result


def nearest(signs: np.ndarray, query_vector: np.ndarray, middle: np.ndarray,
            count: int | None = None) -> np.ndarray:
    """Rows (ascending) of the `count` rows nearest the query by Hamming distance (of rows
    tied at the cut, the first ones)."""
    query = signs_of(np.asarray(query_vector, dtype=np.float32)[None, :], middle)[0]
    found = distances(signs, query)
    count = min(SHORTLIST if count is None else count, len(found))
    histogram = np.bincount(found, minlength=signs.shape[0] * 64 + 1)
    cut = int(np.searchsorted(np.cumsum(histogram), count))
    closer = np.flatnonzero(found < cut)
    at_cut = np.flatnonzero(found == cut)[:count - len(closer)]
    return np.union1d(closer, at_cut)
