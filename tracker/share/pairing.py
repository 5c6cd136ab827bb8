"""Pairing two trackers through the shared folder: the code, two hellos, the safety words.

1. The first partner (`start`) makes a code and writes a *hello* (its id, name and
   X25519 public key, sealed with a key from the code) into the folder.
2. The other (`join`), given the code, reads that hello, writes its own, and is paired
   at once: it holds both public keys and the code, so it can compute the pair key
   and show the safety words.
3. The first partner's tracker, next time it looks (`finish`), finds the answer, computes
   the same key and words, and forgets the code and its private key. It removes its
   hello; the joiner removes its own once it has read a share sealed with the pair key.

Nothing here touches files: `tracker.share.sharing` reads and writes them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from tracker.model import clean_text
from tracker.share import codes, envelope, keys
from tracker.share.folder import NameKind, classify
from tracker.share.keys import Hello, InvitationKeys, PairKeys, Role
from tracker.share.payload import NAME_MAX, ShareChoices
from tracker.share.problems import Problem, ShareError, ShareRefused
from tracker.share.words import FIRST_LIST, PGP_LIST

# 2: the safety words are PGP words (1: the first list; kept by pairings made with it, and
# by a pairing with a tracker that speaks only 1, so both sides show the same words).
PAIRING_VERSION = 2
PGP_WORDS_SINCE = 2  # the first pairing version that spells safety words with PGP words
MAX_HELLO_BYTES = 4096


def clean_name(name: str) -> str:
    """A name the partner will read: short, one line, no control characters."""
    return clean_text(name, "Your name", max_length=NAME_MAX, required=True)


@dataclass(frozen=True)
class Pairing:
    """What this tracker keeps about its pairing, in the key file beside the data file.

    While waiting (the first partner, until the answer arrives) it holds the code's
    secret and the exchange's private key; once paired, only the pair key.
    """

    folder: Path
    role: Role
    writer_id: bytes
    name: str
    created_at: datetime
    choices: ShareChoices = field(default_factory=ShareChoices)
    secret: bytes | None = None
    private_key: bytes | None = None
    public_key: bytes | None = None
    partner_id: bytes | None = None
    partner_name: str | None = None
    key: bytes | None = None
    paired_at: datetime | None = None
    own_hello: str | None = None  # our hello's name in the folder, until it can go
    hello_names: tuple[str, ...] = ()  # both hellos' names: never taken for a stranger's file
    # What the safety words are spelled with (`word_list_for`); while waiting, the list our
    # hello offered (a key file from before the PGP words offered the first one).
    word_list: int = PGP_LIST

    @property
    def is_paired(self) -> bool:
        return self.key is not None and self.partner_id is not None

    @property
    def keys(self) -> PairKeys:
        if self.key is None:
            raise ShareError("Sharing is not paired yet: your partner has not joined.")
        return PairKeys(self.key, self.word_list)

    @property
    def my_file(self) -> str:
        return self.keys.file_name(self.writer_id)

    @property
    def partner_file(self) -> str:
        if self.partner_id is None:
            raise ShareError("Sharing is not paired yet: your partner has not joined.")
        return self.keys.file_name(self.partner_id)

    @property
    def partner_label(self) -> str:
        return self.partner_name or "your partner"

    @property
    def invitation(self) -> InvitationKeys | None:
        return None if self.secret is None else InvitationKeys(self.secret)

    @property
    def hello(self) -> Hello:
        if self.public_key is None:
            raise ShareError("This pairing has no key exchange left to make.")
        version = PAIRING_VERSION if self.word_list == PGP_LIST else PGP_WORDS_SINCE - 1
        return Hello(self.role, self.writer_id, self.name, self.public_key, version)


@dataclass(frozen=True)
class HelloFile:
    """A hello to put in the folder: its name there and its sealed bytes."""

    name: str
    data: bytes


def start(folder: Path, name: str, now: datetime) -> tuple[Pairing, str, HelloFile]:
    """A new pairing waiting for its partner, the code to give them, and the hello to write."""
    secret = codes.new_secret()
    private, public = keys.new_exchange_key()
    pairing = Pairing(
        folder=folder,
        role=Role.SETUP,
        writer_id=keys.new_writer_id(),
        name=clean_name(name),
        created_at=now,
        secret=secret,
        private_key=private,
        public_key=public,
    )
    invite = InvitationKeys(secret)
    hello = seal_hello(invite, pairing.hello)
    named = replace(pairing, own_hello=hello.name, hello_names=_hello_names(invite))
    return named, codes.code_for(secret), hello


def invitation_name(code: str) -> str:
    """Where the first partner's hello is in the folder, for this code."""
    return InvitationKeys(codes.secret_from_code(code)).hello_name(Role.SETUP)


def join(
    folder: Path, code: str, name: str, invitation: bytes, now: datetime
) -> tuple[Pairing, HelloFile]:
    """Pair with the tracker whose hello is `invitation`: paired at once, and our hello."""
    secret = codes.secret_from_code(code)
    invite = InvitationKeys(secret)
    try:
        their = open_hello(invite, Role.SETUP, invitation)
    except ShareRefused as refused:
        raise ShareError(_hello_trouble(refused)) from None
    private, public = keys.new_exchange_key()
    mine = Hello(Role.JOIN, keys.new_writer_id(), clean_name(name), public, PAIRING_VERSION)
    pairing = Pairing(
        folder=folder,
        role=Role.JOIN,
        writer_id=mine.writer_id,
        name=mine.name,
        created_at=now,
    )
    paired = _paired(pairing, secret, private, setup=their, joiner=mine, now=now)
    hello = seal_hello(invite, mine)
    return replace(paired, own_hello=hello.name, hello_names=_hello_names(invite)), hello


def _hello_names(invite: InvitationKeys) -> tuple[str, ...]:
    return tuple(invite.hello_name(role) for role in Role)


def finish(pairing: Pairing, answer: bytes, now: datetime) -> Pairing:
    """The first partner's pairing completed by the joiner's hello (`ShareRefused` if not one)."""
    invite, private = pairing.invitation, pairing.private_key
    if invite is None or private is None or pairing.secret is None:
        raise ShareError("This pairing is not waiting for an answer.")
    their = open_hello(invite, Role.JOIN, answer)
    return _paired(pairing, pairing.secret, private, setup=pairing.hello, joiner=their, now=now)


def _paired(
    pairing: Pairing, secret: bytes, private: bytes, *, setup: Hello, joiner: Hello, now: datetime
) -> Pairing:
    theirs = joiner if pairing.role is Role.SETUP else setup
    try:
        shared = keys.exchange(private, theirs.public_key)
    except ValueError:
        raise ShareRefused(Problem.DAMAGED, "the hello holds no usable key") from None
    return replace(
        pairing,
        key=keys.pair_key(secret, setup, joiner, shared),
        word_list=word_list_for(setup.version, joiner.version),
        partner_id=theirs.writer_id,
        partner_name=theirs.name,
        paired_at=now,
        secret=None,
        private_key=None,
        public_key=None,
        own_hello=None,
    )


def word_list_for(*versions: int) -> int:
    """The list both sides spell the safety words with: PGP words only if both speak them."""
    return PGP_LIST if min(versions) >= PGP_WORDS_SINCE else FIRST_LIST


def seal_hello(invite: InvitationKeys, hello: Hello) -> HelloFile:
    body = orjson.dumps(
        {
            "v": PAIRING_VERSION,
            "id": hello.writer_id.hex(),
            "name": hello.name,
            "public_key": hello.public_key.hex(),
        }
    )
    data = envelope.seal(
        body,
        key=invite.hello_key(hello.role),
        key_id=invite.key_id,
        writer_id=hello.role.value.encode(),
        sequence=0,
    )
    return HelloFile(invite.hello_name(hello.role), data)


def open_hello(invite: InvitationKeys, role: Role, data: bytes) -> Hello:
    """The hello `role` wrote, checked; `ShareRefused` for anything else."""
    opened = envelope.open_sealed(
        data, key=invite.hello_key(role), key_id=invite.key_id, writer_id=role.value.encode()
    )
    try:
        doc = orjson.loads(opened.body)
        writer_id = bytes.fromhex(doc["id"])
        public_key = bytes.fromhex(doc["public_key"])
        name = clean_name(doc["name"])
        version = doc.get("v", 1)
        if not isinstance(version, int) or version < 1:
            raise ValueError("no pairing version")
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise ShareRefused(Problem.UNREADABLE, f"a hello that does not fit: {error}") from None
    if len(writer_id) != keys.ID_BYTES or len(public_key) != keys.KEY_BYTES:
        raise ShareRefused(Problem.UNREADABLE, "a hello with ids of the wrong size")
    return Hello(role, writer_id, name, public_key, version)


def _hello_trouble(refused: ShareRefused) -> str:
    if refused.kind is Problem.OTHER_KEY or refused.kind is Problem.DAMAGED:
        return (
            "The code does not fit the invitation in this folder. Check the code, and that "
            "this is the folder your partner chose."
        )
    if refused.kind is Problem.CUT_SHORT:
        return (
            "Your partner's invitation has not fully arrived in this folder yet; "
            "wait for your sync tool and try again."
        )
    return f"Your partner's invitation cannot be used: {refused}"


# -- the key file -----------------------------------------------------------------------------


def _b64(value: bytes | None) -> str | None:
    return None if value is None else base64.b64encode(value).decode("ascii")


def _bytes(doc: dict[str, Any], key: str, size: int) -> bytes | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} is not text")
    raw = base64.b64decode(value, validate=True)
    if len(raw) != size:
        raise ValueError(f"{key} has the wrong size")
    return raw


def _moment(doc: dict[str, Any], key: str) -> datetime | None:
    value = doc.get(key)
    return None if value is None else datetime.fromisoformat(value)


def pairing_to_doc(pairing: Pairing) -> dict[str, Any]:
    return {
        "v": PAIRING_VERSION,
        "folder": str(pairing.folder),
        "role": pairing.role.value,
        "writer_id": _b64(pairing.writer_id),
        "name": pairing.name,
        "created_at": pairing.created_at.isoformat(),
        "choices": pairing.choices.to_doc(),
        "secret": _b64(pairing.secret),
        "private_key": _b64(pairing.private_key),
        "public_key": _b64(pairing.public_key),
        "partner_id": _b64(pairing.partner_id),
        "partner_name": pairing.partner_name,
        "key": _b64(pairing.key),
        "paired_at": None if pairing.paired_at is None else pairing.paired_at.isoformat(),
        "own_hello": pairing.own_hello,
        "hello_names": list(pairing.hello_names),
        "word_list": pairing.word_list,
    }


def pairing_from_doc(doc: Any) -> Pairing:
    """The pairing in a key file; ValueError (or a NewerShare error) for what does not fit."""
    if not isinstance(doc, dict):
        raise ValueError("it is not a record")
    version = doc.get("v")
    if not isinstance(version, int) or version < 1:
        raise ValueError("it has no version")
    if version > PAIRING_VERSION:
        raise ShareError(
            "Sharing was set up by a newer tracker (its key file is of a later version). "
            "Update tracker to use it."
        )
    writer_id = _bytes(doc, "writer_id", keys.ID_BYTES)
    created_at = _moment(doc, "created_at")
    if writer_id is None or created_at is None or not isinstance(doc.get("folder"), str):
        raise ValueError("it lacks the folder, the id or the date")
    name, partner_name, own_hello = doc.get("name"), doc.get("partner_name"), doc.get("own_hello")
    if not isinstance(name, str):
        raise ValueError("the name is not text")
    if partner_name is not None and not isinstance(partner_name, str):
        raise ValueError("the partner's name is not text")
    hello_names = doc.get("hello_names", [])
    if not isinstance(hello_names, list) or not all(isinstance(n, str) for n in hello_names):
        raise ValueError("the hellos' names are not a list of names")
    # A key file from before the PGP words: its pair compared words of the first list.
    word_list = doc.get("word_list", FIRST_LIST)
    if word_list not in (FIRST_LIST, PGP_LIST) or isinstance(word_list, bool):
        raise ValueError("the safety words' list is not one tracker knows")
    for hello_name in [own_hello, *hello_names]:
        if hello_name is not None and classify(hello_name) is not NameKind.SHARE:
            raise ValueError("a hello's name is not one tracker gives")
    return Pairing(
        folder=Path(doc["folder"]),
        role=Role(str(doc.get("role"))),
        writer_id=writer_id,
        name=clean_name(name),
        created_at=created_at,
        choices=ShareChoices.from_doc(doc.get("choices", {})),
        secret=_bytes(doc, "secret", codes.SECRET_BYTES),
        private_key=_bytes(doc, "private_key", keys.KEY_BYTES),
        public_key=_bytes(doc, "public_key", keys.KEY_BYTES),
        partner_id=_bytes(doc, "partner_id", keys.ID_BYTES),
        partner_name=partner_name,
        key=_bytes(doc, "key", keys.KEY_BYTES),
        paired_at=_moment(doc, "paired_at"),
        own_hello=own_hello,
        hello_names=tuple(hello_names),
        word_list=word_list,
    )
