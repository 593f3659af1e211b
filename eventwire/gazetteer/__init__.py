"""The place index: GeoNames (packaged or a full dump) + hand-written regions, with fast lookup."""

from .build import build_index, default_index_path
from .index import Gazetteer, load_gazetteer
from .normalize import loose_key, name_key

__all__ = ["build_index", "load_gazetteer", "Gazetteer", "default_index_path", "name_key", "loose_key"]
