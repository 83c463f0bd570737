"""The published directory held in memory, to answer the list, print and map searches.

Why: a directory search combines words (and their synonyms), service criteria that must hold
for one and the same service (« aide alimentaire » + « gratuit »), and opening slots. In SQL
that is a LIKE over every row plus a semi-join through the thematiques, about 10 ms at 5,000
structures before a card is drawn, on the portal's most used page. The published directory is
small (a few MB at 5,000 structures) and changes a few times a day, so each process keeps it
here under the directory version, which every write moves on (`structures/cache.py`), and
builds it again on the first search after a change (`bench/bench_directory.py` prints that
cost). A search is then set operations on bitmasks, the same on SQLite and PostgreSQL.

Words are French: the index keeps, for each folded word of the directory, the structures whose
text, name or services hold it, and the vocabulary sorted and grouped by Snowball stem, so that
a query word finds the words it starts, its plural and its family (`words_like`), short words
and acronyms only as whole words; stop words are never looked for. Where a word is found
weighs in the ranking (services and thematiques, then the name, then the rest).

Sets of structures (and of services) are Python ints used as bitmasks: bit n is the structure
at position n in name order. An intersection is one `&`, a count is `bit_count()`, and the
positions come out already in the directory's order.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import CharField
from django.db.models.functions import Cast

from associations.structures.cache import directory_version
from associations.structures.fields import SEP
from associations.structures.hours import holiday_name
from associations.structures.models import OpeningSlot, Service
from associations.structures.selectors import association_list_public, with_marks
from associations.structures.taxonomy import Fee, Public, PublicationStatus
from solidaire.core.text.search import STOP_WORDS, normalize_search, word_key, word_keys

# How many words' matches a built index remembers (each a bitmask: ~600 bytes at 5,000), and
# how many rankings (each at most 4 bytes a structure: 20 kB at 5,000).
WORD_MEMO_SIZE = 2048
RANKING_MEMO_SIZE = 256

_ONE = re.compile("1")
_TRIGRAM_WORD = re.compile(r"[a-z0-9]+")

Slot = tuple[int, int, int, bool]  # weekday (0 = Monday), opens, closes (minutes), shut on holidays


# What a word found in each part of a card weighs in the ranking: a structure's services and
# their thematiques say what it does, its name may hold a word by chance (« Secours populaire
# français » for « cours de français »), the rest of its text (summary, mission) least.
WEIGHT_SERVICES, WEIGHT_NAME, WEIGHT_TEXT = 3, 2, 1
# A word of at most this many letters (CAF, RSA, PMI) is found as a whole word only, never as
# the start of another one (« caf » is not « café »).
SHORT_WORD = 3
# A stem this long is specific enough to find longer stems of its family (« aliment »:
# « alimentaire »); a shorter one (« vet », « franc ») only finds its own.
LONG_STEM = 6
# Two words of one stem meet when the stemmer cut at most this many letters of each.
STEM_CUT = 2


# Named tuples: built by the ten thousand when the index is built, where a frozen dataclass's
# __init__ cost twice the time of the query.
class ServiceListing(NamedTuple):
    """What a result card shows of a service."""

    name: str
    fee: str
    opening_hours: str
    closed_from: dt.date | None
    closed_until: dt.date | None


class Listing(NamedTuple):
    """What a result card shows of a structure: the list page draws its cards from the index,
    with no query (the card page and the printable list read the database)."""

    pk: int
    name: str
    slug: str
    kind: str
    quartier: str
    summary: str
    street: str
    postcode: str
    city: str
    phone: str
    opening_hours: str
    closed_from: dt.date | None
    closed_until: dt.date | None
    pmr_accessible: bool
    is_signatory: bool
    services: list[ServiceListing]  # filled once, when the index is built; read-only after


LISTING_FIELDS = [field for field in Listing._fields if field not in ("is_signatory", "services")]
SERVICE_LISTING_FIELDS = list(ServiceListing._fields)


@dataclass(frozen=True)
class Criteria:
    """What the directory's search form asks, already validated. `words` are folded, each
    with the expressions that count for it (itself and its synonyms)."""

    words: tuple[tuple[str, ...], ...] = ()
    quartier: str = ""
    langue: str = ""
    pmr: bool = False
    thematique: str = ""
    public: str = ""
    acces: str = ""
    gratuit: bool = False
    when: str = ""  # "now", "today" or "" (any time)


def mask_of(positions: Iterable[int], size: int) -> int:
    """The bitmask with the given bits set."""
    buffer = bytearray((size >> 3) + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def positions_of(mask: int) -> list[int]:
    """The set bits of `mask`, lowest first."""
    return [match.start() for match in _ONE.finditer(bin(mask)[:1:-1])]


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams of folded text: each word padded with two spaces before, one after."""
    grams: set[str] = set()
    for word in _TRIGRAM_WORD.findall(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(left: frozenset[str], right: frozenset[str]) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both."""
    shared = len(left & right)
    union = len(left) + len(right) - shared
    return shared / union if union else 0.0


def _is_closed(closure: tuple[dt.date, dt.date | None] | None, day: dt.date) -> bool:
    if closure is None:
        return False
    start, end = closure
    return start <= day and (end is None or day <= end)


def _open_in(slots: Iterable[Slot], weekday: int, minute: int | None, holiday: bool) -> bool:
    """Whether one of `slots` is open on `weekday` at `minute` (any time that day if None)."""
    return any(
        day == weekday and (minute is None or opens <= minute < closes) and not (holiday and shut_on_holidays)
        for day, opens, closes, shut_on_holidays in slots
    )


class DirectoryIndex:
    """One snapshot of the published directory. Read-only once built, so threads share it."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.pks: list[int] = []  # position -> structure pk, in name order
        self.listings: list[Listing] = []  # position -> what its card shows
        self.position_of: dict[int, int] = {}  # structure pk -> position
        self.names: list[str] = []  # folded names
        self.texts: list[str] = []  # folded search texts
        self._name_trigrams: dict[int, frozenset[str]] = {}  # computed when first ranked
        self.everything = 0
        self.by_quartier: dict[str, int] = {}
        self.by_language: dict[str, int] = {}
        self.accessible = 0
        self.closures: dict[int, tuple[dt.date, dt.date | None]] = {}  # position -> closure
        self.slots: dict[int, tuple[Slot, ...]] = {}  # position -> the structure's own slots
        # Services, by their own positions.
        self.service_position: dict[int, int] = {}  # service pk -> position
        self.service_structure: list[int] = []  # service position -> structure position
        # Services are kept as sets, not bitmasks: the matching services of a search are few,
        # and mapping a 15,000-bit mask back to structures cost more than the whole search.
        self.services_by_thematique: dict[str, frozenset[int]] = {}
        self.services_by_public: dict[str, frozenset[int]] = {}
        self.services_by_access: dict[str, frozenset[int]] = {}
        self.free_services: frozenset[int] = frozenset()
        self.service_own_hours: set[int] = set()
        self.service_slots: dict[int, tuple[Slot, ...]] = {}
        self.service_closures: dict[int, tuple[dt.date, dt.date | None]] = {}
        # Words: field ("text", "name", "services") -> folded word -> positions holding it; every
        # word of the directory sorted (for prefixes) and by key (stem, for plurals and families).
        self._postings: dict[str, dict[str, list[int]]] = {"text": {}, "name": {}, "services": {}}
        self._vocabulary: list[str] = []
        self._by_key: dict[str, list[str]] = {}
        self._keys: list[str] = []
        self._word_tokens: dict[str, frozenset[str]] = {}
        self._service_words: dict[int, set[str]] = {}  # only while building
        self._word_masks: dict[tuple[str, str], int] = {}
        self._rankings: dict[tuple[tuple[str, ...], ...], array] = {}
        self._lock = threading.Lock()

    # --- building -----------------------------------------------------------------------------
    @classmethod
    def build(cls, version: int) -> DirectoryIndex:
        """Four queries, whatever the size: the published structures, their services, the
        services' thematiques, the opening slots."""
        index = cls(version)
        services = index._load_structures()
        index._load_services(services)
        index._load_slots()
        index._load_words()
        return index

    def _load_structures(self) -> dict[int, list[ServiceListing]]:
        """The structures, in name order (their folded names sort as French readers expect).
        Returns {pk: []}, the lists their services fill."""
        rows = sorted(
            with_marks(association_list_public().order_by()).values_list(
                *LISTING_FIELDS, "is_signatory", "search_name", "search_text", "languages"
            ),
            key=lambda row: (row[-3], row[1], row[0]),
        )
        size = len(rows)
        quartiers: dict[str, list[int]] = defaultdict(list)
        languages: dict[str, list[int]] = defaultdict(list)
        accessible = []
        services: dict[int, list[ServiceListing]] = {}
        for position, row in enumerate(rows):
            *fields, is_signatory, search_name, text, spoken = row
            listing = Listing(*fields, is_signatory, services=[])
            services[listing.pk] = listing.services
            self.position_of[listing.pk] = position
            self.pks.append(listing.pk)
            self.listings.append(listing)
            self.names.append(search_name)
            self.texts.append(text)
            if listing.quartier:
                quartiers[listing.quartier].append(position)
            for language in spoken:
                languages[language].append(position)
            if listing.pmr_accessible:
                accessible.append(position)
            if listing.closed_from:
                self.closures[position] = (listing.closed_from, listing.closed_until)
        self.everything = (1 << size) - 1
        self.by_quartier = {key: mask_of(values, size) for key, values in quartiers.items()}
        self.by_language = {key: mask_of(values, size) for key, values in languages.items()}
        self.accessible = mask_of(accessible, size)
        return services

    def _load_services(self, listed: dict[int, list[ServiceListing]]) -> None:
        """The services (by structure, in name order as cards list them) and their thematiques."""
        publics: dict[str, list[int]] = defaultdict(list)
        access: dict[str, list[int]] = defaultdict(list)
        free = []
        # The words of each structure's services: their names, descriptions, publics and
        # thematiques (the ranking weighs them above the name). Folded once per distinct text.
        self._service_words = defaultdict(set)
        folded: dict[str, list[str]] = {}

        def words_of(text: str) -> list[str]:
            words = folded.get(text)
            if words is None:
                words = folded[text] = normalize_search(text).split()
            return words

        public_labels = dict(Public.choices)
        rows = (
            Service.objects.filter(association__status=PublicationStatus.PUBLISHED)
            .order_by("association_id", "name", "pk")
            # The stored "|a|b|" text, split below: the field's own conversion to a list, row by
            # row, cost more than the query.
            .annotate(served=Cast("publics", CharField()), conditions=Cast("access_conditions", CharField()))
            .values_list(
                "pk", "association_id", "served", "conditions", "description", *SERVICE_LISTING_FIELDS
            )
        )
        for position, (pk, association_id, served, conditions, description, *fields) in enumerate(rows):
            service = ServiceListing(*fields)
            listed[association_id].append(service)
            self.service_position[pk] = position
            structure = self.position_of[association_id]
            self.service_structure.append(structure)
            words = self._service_words[structure]
            words.update(words_of(service.name))
            words.update(words_of(description))
            for code in served.split(SEP):
                if code:
                    publics[code].append(position)
                    words.update(words_of(public_labels.get(code, "")))
            for code in conditions.split(SEP):
                if code:
                    access[code].append(position)
            if service.fee == Fee.GRATUIT:
                free.append(position)
            if service.opening_hours:
                self.service_own_hours.add(position)
            if service.closed_from:
                self.service_closures[position] = (service.closed_from, service.closed_until)
        self.services_by_public = {key: frozenset(values) for key, values in publics.items()}
        self.services_by_access = {key: frozenset(values) for key, values in access.items()}
        self.free_services = frozenset(free)
        themes: dict[str, list[int]] = defaultdict(list)
        through = Service.thematiques.through.objects.filter(
            service__association__status=PublicationStatus.PUBLISHED
        ).values_list("service_id", "thematique__slug", "thematique__label")
        for service_id, slug, label in through:
            position = self.service_position[service_id]
            themes[slug].append(position)
            self._service_words[self.service_structure[position]].update(words_of(label))
        self.services_by_thematique = {key: frozenset(values) for key, values in themes.items()}

    def _load_slots(self) -> None:
        own: dict[int, list[Slot]] = defaultdict(list)
        of_services: dict[int, list[Slot]] = defaultdict(list)
        rows = OpeningSlot.objects.filter(association__status=PublicationStatus.PUBLISHED).values_list(
            "association_id", "service_id", "weekday", "opens", "closes", "holidays_closed"
        )
        for association_id, service_id, *slot in rows:
            if service_id is None:
                own[self.position_of[association_id]].append(tuple(slot))
            else:
                of_services[self.service_position[service_id]].append(tuple(slot))
        self.slots = {key: tuple(values) for key, values in own.items()}
        self.service_slots = {key: tuple(values) for key, values in of_services.items()}

    def _load_words(self) -> None:
        """Which structures hold each folded word, in their whole text, their name and their
        services; the vocabulary sorted, and grouped by French stem (one stemmer call)."""
        text, name, services = (self._postings[field] for field in ("text", "name", "services"))
        of_services = self._service_words
        for position, value in enumerate(self.texts):
            # The stored text holds the services' words; the union keeps both in step anyway.
            for word in set(value.split()).union(of_services.get(position, ())):
                text.setdefault(word, []).append(position)
        for position, value in enumerate(self.names):
            for word in set(value.split()):
                name.setdefault(word, []).append(position)
        for position, words in of_services.items():
            for word in words:
                services.setdefault(word, []).append(position)
        self._service_words = {}  # only needed while building
        vocabulary = sorted(text.keys() | name.keys() | services.keys())
        by_key: dict[str, list[str]] = defaultdict(list)
        for word, key in zip(vocabulary, word_keys(vocabulary), strict=True):
            by_key[key].append(word)
        self._vocabulary = vocabulary
        self._by_key = dict(by_key)
        self._keys = sorted(by_key)

    # --- searching ----------------------------------------------------------------------------
    def words_like(self, word: str) -> frozenset[str]:
        """The directory's words that count as the folded query word `word`: itself when short
        (CAF, RSA: whole words only), else the words it starts (« restau »: « restaurants »),
        those of its stem (« epiceries »: « epicerie ») and, for a long stem, of its family
        (« alimentation »: « alimentaire »). Remembered per index."""
        found = self._word_tokens.get(word)
        if found is not None:
            return found
        vocabulary = self._vocabulary
        if len(word) <= SHORT_WORD:
            tokens = {word} if word in self._postings["text"] else set()
        else:
            tokens = set(_starting_with(vocabulary, word))
            key = word_key(word)
            # Words of the same stem, when the stemmer cut little of both (« sociaux »,
            # « social »), or the same word in the singular (« vetements », « vetement »): the
            # stemmer cuts « habitants » to « habit » and « francais » to « franc » (« France »).
            close = len(word) - len(key) <= STEM_CUT
            singular = _singular(word)
            tokens.update(
                token
                for token in self._by_key.get(key, ())
                if (close and len(token) - len(key) <= STEM_CUT) or _singular(token) == singular
            )
            if len(key) >= LONG_STEM:
                for longer in _starting_with(self._keys, key):
                    tokens.update(self._by_key[longer])
        found = frozenset(tokens)
        with self._lock:
            if len(self._word_tokens) >= WORD_MEMO_SIZE:
                self._word_tokens.clear()
            self._word_tokens[word] = found
        return found

    def _containing(self, field: str, expression: str) -> int:
        """The structures whose `field` ("text", "name" or "services") holds every word of the
        folded `expression` (as `words_like` understands them; stop words left out). Remembered:
        the first search for a word looks it up, the next ones do not."""
        key = (field, expression)
        mask = self._word_masks.get(key)
        if mask is None:
            postings = self._postings[field]
            size = len(self.pks)
            words = [word for word in expression.split() if word not in STOP_WORDS]
            mask = self.everything if words else 0
            for word in words:
                positions: set[int] = set()
                for token in self.words_like(word):
                    positions.update(postings.get(token, ()))
                mask &= mask_of(positions, size)
                if not mask:
                    break
            with self._lock:
                if len(self._word_masks) >= WORD_MEMO_SIZE:
                    self._word_masks.clear()
                self._word_masks[key] = mask
        return mask

    def _any_of(self, field: str, expressions: Iterable[str]) -> int:
        mask = 0
        for expression in expressions:
            mask |= self._containing(field, expression)
        return mask

    def _structures_of(self, services: Iterable[int]) -> int:
        return mask_of((self.service_structure[s] for s in services), len(self.pks))

    def _structure_open(self, position: int, weekday: int, minute: int | None, holiday: bool) -> bool:
        return _open_in(self.slots.get(position, ()), weekday, minute, holiday)

    def _service_open(self, service: int, day: dt.date, minute: int | None, holiday: bool) -> bool:
        """The service's own hours decide (the shower's), else its structure's; a service closed
        for a while is not open, whatever its hours."""
        if _is_closed(self.service_closures.get(service), day):
            return False
        if service in self.service_own_hours:
            return _open_in(self.service_slots.get(service, ()), day.weekday(), minute, holiday)
        return self._structure_open(self.service_structure[service], day.weekday(), minute, holiday)

    def matching(self, criteria: Criteria, *, now: dt.datetime) -> int:
        """The bitmask of the structures that match every criterion."""
        found = self.everything
        if criteria.quartier:
            found &= self.by_quartier.get(criteria.quartier, 0)
        if criteria.langue:
            found &= self.by_language.get(criteria.langue, 0)
        if criteria.pmr:
            found &= self.accessible
        for expressions in criteria.words:
            found &= self._any_of("text", expressions)
        day, holiday = now.date(), bool(holiday_name(now.date()))
        minute = now.hour * 60 + now.minute if criteria.when == "now" else None
        services = self._services_matching(criteria)
        if services is not None:
            if criteria.when and criteria.thematique:
                services = [s for s in services if self._service_open(s, day, minute, holiday)]
            found &= self._structures_of(services)
        if criteria.when:
            if not criteria.thematique:
                found = mask_of(
                    (
                        p
                        for p in positions_of(found)
                        if self._structure_open(p, day.weekday(), minute, holiday)
                    ),
                    len(self.pks),
                )
            closed = mask_of((p for p, c in self.closures.items() if _is_closed(c, day)), len(self.pks))
            found &= ~closed
        return found

    def _services_matching(self, criteria: Criteria) -> Iterable[int] | None:
        """The services meeting every service criterion (one and the same service must), or None
        when no service criterion is set."""
        required = []
        if criteria.thematique:
            required.append(self.services_by_thematique.get(criteria.thematique, frozenset()))
        if criteria.acces:
            required.append(self.services_by_access.get(criteria.acces, frozenset()))
        if criteria.gratuit:
            required.append(self.free_services)
        served = everyone = frozenset()
        if criteria.public:
            # A service open to everyone serves every public.
            served = self.services_by_public.get(criteria.public, frozenset())
            everyone = self.services_by_public.get(Public.TOUS_PUBLICS, frozenset())
        if not required:
            return served | everyone if criteria.public else None
        base, *others = sorted(required, key=len)
        services = base.intersection(*others)
        if criteria.public:
            services = [s for s in services if s in served or s in everyone]
        return services

    def search(self, criteria: Criteria, *, now: dt.datetime) -> list[int]:
        """The pks of the matching structures, best first: with words, by the weight of where
        each word (or a synonym) was found, services and thematiques first, then the name, then
        the rest of the text (WEIGHT_*); then by trigram similarity of the name to the words (as
        PostgreSQL's pg_trgm computes it), then by name; without words, by name."""
        found = self.matching(criteria, now=now)
        if not criteria.words:
            return [self.pks[p] for p in positions_of(found)]
        kept = set(positions_of(found))
        return [self.pks[p] for p in self._ranked(criteria.words) if p in kept]

    def _ranked(self, words: tuple[tuple[str, ...], ...]) -> array:
        """Every structure holding the words, best first. The order depends on the words only,
        not on the filters, so it is remembered per index like what each word matches."""
        ranked = self._rankings.get(words)
        if ranked is not None:
            return ranked
        matching = self.everything
        for expressions in words:
            matching &= self._any_of("text", expressions)
        # Names and services holding a word are few: sets of positions test faster than masks.
        where = [
            (
                set(positions_of(self._any_of("services", expressions) & matching)),
                set(positions_of(self._any_of("name", expressions) & matching)),
            )
            for expressions in words
        ]
        query = trigrams(" ".join(expressions[0] for expressions in words))
        keyed = []
        for p in positions_of(matching):
            weight = 0
            for services, name in where:  # each word weighs where it was found best
                weight += WEIGHT_SERVICES if p in services else WEIGHT_NAME if p in name else WEIGHT_TEXT
            keyed.append((-weight, -similarity(self._trigrams_of_name(p), query), p))
        keyed.sort()
        ranked = array("I", (p for _, _, p in keyed))
        with self._lock:
            if len(self._rankings) >= RANKING_MEMO_SIZE:
                self._rankings.clear()
            self._rankings[words] = ranked
        return ranked

    def _trigrams_of_name(self, position: int) -> frozenset[str]:
        grams = self._name_trigrams.get(position)
        if grams is None:
            grams = self._name_trigrams[position] = trigrams(self.names[position])
        return grams

    def listings_of(self, pks: Iterable[int]) -> list[Listing]:
        """The cards of `pks`, in that order (a pk unknown to this snapshot is left out)."""
        return [self.listings[self.position_of[pk]] for pk in pks if pk in self.position_of]

    def words_found(self, expressions: Iterable[str]) -> bool:
        return bool(self._any_of("text", expressions))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _starting_with(words: list[str], prefix: str) -> list[str]:
    """The words of the sorted `words` that start with `prefix`."""
    start = bisect.bisect_left(words, prefix)
    end = bisect.bisect_left(words, prefix + "\x7f", start)
    return words[start:end]


_current: DirectoryIndex | None = None
_building = threading.Lock()


def directory_index() -> DirectoryIndex:
    """The index of the directory as it is now: this process's copy while the directory version
    has not moved, else a new one (built once, other threads wait for it)."""
    global _current
    version = directory_version()
    index = _current
    if index is not None and index.version == version:
        return index
    with _building:
        index = _current
        if index is None or index.version != version:
            index = _current = DirectoryIndex.build(version)
    return index
