"""The configuration reference (docs/CONFIGURATION.md, the library's key table rendered) as the
tests of the example configurations read it: each key with its default."""
import re

ROW = re.compile(r"^\| `([a-z0-9_.]+)` \| [^|]*(?:\\\|[^|]*)* \| (`([^`]*)`)? *[^|]*\|")


def reference_defaults(reference):
    """{key: default text, or None when the key has none} from the reference's table."""
    keys = {}
    with open(reference, encoding="utf-8") as f:
        for line in f:
            match = ROW.match(line)
            if match:
                keys[match.group(1)] = match.group(3)
    return keys


def flatten(mapping, prefix=""):
    """(dotted key, value) of every leaf of a nested mapping."""
    for name, value in mapping.items():
        key = prefix + str(name)
        if isinstance(value, dict):
            yield from flatten(value, key + ".")
        else:
            yield key, value


def as_text(value):
    """A YAML value as the reference writes its default."""
    return str(value).lower() if isinstance(value, bool) else str(value)
