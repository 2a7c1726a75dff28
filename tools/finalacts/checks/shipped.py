"""The registries finalacts ships (the conferences, the texts in force) as a check reads them:
loaded from YAML and validated against their schemas once for each version of their bytes and of
the code, kept in the check cache as marshal, and read back from it by the next runs. A check
that reads a file so pays neither the YAML load nor the schema check of the registries: 4 ms for
the conferences at every such run, 20 ms for the texts in force when a citation asks them.

The key digests the code salt (finalacts' code and data, the schemas among them) and the bytes
read, so an edited registry, or another schema or loader, simply misses and is parsed again.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Callable

from finalacts.checks.cache import Cache, code_salt, digest
from finalacts.corpus import registry as conferences
from finalacts.corpus import texts as in_force


def registry(cache: Cache) -> conferences.Registry:
    """The conference registry (corpus/registry.py), through the cache when it is on."""
    return _through(cache, "conferences", conferences.registry_path(), conferences.registry_data,
                    conferences.registry_of, conferences.load_registry)


def texts(cache: Cache) -> in_force.Texts:
    """The registry of texts in force (corpus/texts.py), through the cache when it is on."""
    return _through(cache, "texts", in_force.texts_path(), in_force.texts_data, in_force.texts_of,
                    in_force.load_texts)


def _through(cache: Cache, name: str, path: Path, parse: Callable[[bytes, str], dict], build: Callable,
             load: Callable):
    if not cache.enabled:
        return load()
    raw = path.read_bytes()
    key = digest(code_salt(), raw)
    kept = cache.shipped(name, key)
    if kept is not None:
        try:
            return build(marshal.loads(kept))
        except (ValueError, EOFError, TypeError, KeyError, AttributeError):
            pass  # not what this code keeps: parsed again below
    data = parse(raw, str(path))  # InputError for a registry its schema refuses: never kept
    try:
        cache.keep_shipped(name, key, marshal.dumps(data))
    except ValueError:  # a value marshal cannot write: parsed at every run, as without the cache
        pass
    return build(data)
